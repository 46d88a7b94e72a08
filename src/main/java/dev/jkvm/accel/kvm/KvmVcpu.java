package dev.jkvm.accel.kvm;

import dev.jkvm.accel.CounterCheck;
import dev.jkvm.accel.ExitReason;
import dev.jkvm.accel.Vcpu;
import dev.jkvm.accel.VcpuStats;
import dev.jkvm.boot.BootCpuState;
import dev.jkvm.devices.bus.Bus;
import dev.jkvm.kvm.CpuidEntry;
import dev.jkvm.kvm.KvmRunArea;
import dev.jkvm.kvm.KvmStats;
import dev.jkvm.kvm.Regs;
import dev.jkvm.kvm.Sregs;
import dev.jkvm.kvm.VcpuExit;
import dev.jkvm.kvm.VcpuFd;
import dev.jkvm.machine.Lifecycle;
import dev.jkvm.machine.Machine;
import dev.jkvm.machine.StopReason;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One KVM vCPU: KVM_RUN on its platform thread, each exit dispatched to the machine's buses. */
final class KvmVcpu implements Vcpu {
    private final int index;
    private final VcpuFd fd;
    private final Bus pio;
    private final Bus mmio;
    private final Lifecycle lifecycle;
    private final KvmRunArea area;
    private final VcpuStats stats = new VcpuStats();
    /** Replays buffered (coalesced MMIO) writes; runs before every MMIO and port I/O exit is handled. */
    private final Runnable beforeDeviceExit;

    KvmVcpu(int index, VcpuFd fd, Machine machine, List<CpuidEntry> cpuid, Runnable beforeDeviceExit) {
        this.index = index;
        this.beforeDeviceExit = beforeDeviceExit;
        this.fd = fd;
        this.pio = machine.pio();
        this.mmio = machine.mmio();
        this.lifecycle = machine.lifecycle();
        this.area = fd.runArea();
        fd.setCpuid2(cpuid);
        KvmBootRegisters.enableVirtualWire(fd);
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public void setBootState(BootCpuState state) {
        KvmBootRegisters.apply(fd, state);
    }

    @Override
    public void run() {
        while (!lifecycle.stopping()) {
            VcpuExit exit = fd.run();
            switch (exit) {
                case IO -> {
                    beforeDeviceExit.run();
                    handleIo(area.io());
                }
                case MMIO -> {
                    beforeDeviceExit.run();
                    handleMmio(area.mmio());
                }
                case INTR -> stats.count(ExitReason.INTR);
                case HLT -> stats.count(ExitReason.HLT);
                case IRQ_WINDOW_OPEN -> stats.count(ExitReason.IRQ_WINDOW_OPEN);
                case SHUTDOWN -> {
                    stats.count(ExitReason.SHUTDOWN);
                    lifecycle.requestStop(StopReason.reset("vCPU " + index + " shut down (triple fault): the guest reset"));
                }
                case SYSTEM_EVENT -> handleSystemEvent(area.systemEvent());
                case FAIL_ENTRY -> {
                    stats.count(ExitReason.FAIL_ENTRY);
                    fail(String.format("KVM could not enter the guest (hardware reason %#x)", area.failEntry().hardwareReason()));
                }
                case INTERNAL_ERROR -> {
                    stats.count(ExitReason.INTERNAL_ERROR);
                    fail("KVM internal error, suberror " + area.internalError().suberror());
                }
                default -> {
                    stats.count(ExitReason.OTHER);
                    fail("unexpected KVM exit " + exit + " (" + area.exitReason() + ")");
                }
            }
        }
    }

    /** String I/O arrives as count elements of size bytes in kvm_run's data area. */
    private void handleIo(KvmRunArea.IoExit io) {
        stats.count(io.out() ? ExitReason.IO_OUT : ExitReason.IO_IN);
        MemorySegment data = io.data();
        for (int i = 0; i < io.count(); i++) {
            long at = (long) i * io.size();
            if (io.out()) {
                pio.write(io.port(), io.size(), get(data, at, io.size()));
            } else {
                put(data, at, io.size(), pio.read(io.port(), io.size()));
            }
        }
    }

    private void handleMmio(KvmRunArea.MmioExit m) {
        int size = (int) m.data().byteSize();
        stats.count(m.write() ? ExitReason.MMIO_WRITE : ExitReason.MMIO_READ);
        if (m.write()) {
            mmio.write(m.address(), size, get(m.data(), 0, size));
        } else {
            put(m.data(), 0, size, mmio.read(m.address(), size));
        }
    }

    private void handleSystemEvent(KvmRunArea.SystemEvent event) {
        stats.count(ExitReason.SYSTEM_EVENT);
        if (event.type() == KvmRunArea.SystemEvent.CRASH) {
            fail("the guest reported a crash (system event)");
        } else {
            lifecycle.requestStop(StopReason.reset("the guest " + (event.type() == KvmRunArea.SystemEvent.RESET ? "reset" : "powered off")));
        }
    }

    private void fail(String what) {
        lifecycle.requestStop(StopReason.error("vCPU " + index + ": " + what + "\n" + registerDump()));
    }

    private String registerDump() {
        try {
            Regs r = fd.getRegs();
            Sregs s = fd.getSregs();
            return String.format("  rip=%016x rsp=%016x rflags=%08x%n  rax=%016x rbx=%016x rcx=%016x rdx=%016x%n"
                            + "  rsi=%016x rdi=%016x rbp=%016x%n  cr0=%08x cr3=%016x cr4=%08x efer=%x cs=%04x(base %x l=%b db=%b)",
                    r.rip, r.rsp, r.rflags, r.rax, r.rbx, r.rcx, r.rdx, r.rsi, r.rdi, r.rbp,
                    s.cr0, s.cr3, s.cr4, s.efer, s.cs.selector, s.cs.base, s.cs.l, s.cs.db);
        } catch (RuntimeException e) {
            return "  (registers unavailable: " + e.getMessage() + ")";
        }
    }

    private static long get(MemorySegment data, long at, int size) {
        return switch (size) {
            case 1 -> Byte.toUnsignedLong(data.get(ValueLayout.JAVA_BYTE, at));
            case 2 -> Short.toUnsignedLong(data.get(ValueLayout.JAVA_SHORT_UNALIGNED, at));
            case 4 -> Integer.toUnsignedLong(data.get(ValueLayout.JAVA_INT_UNALIGNED, at));
            default -> data.get(ValueLayout.JAVA_LONG_UNALIGNED, at);
        };
    }

    private static void put(MemorySegment data, long at, int size, long value) {
        switch (size) {
            case 1 -> data.set(ValueLayout.JAVA_BYTE, at, (byte) value);
            case 2 -> data.set(ValueLayout.JAVA_SHORT_UNALIGNED, at, (short) value);
            case 4 -> data.set(ValueLayout.JAVA_INT_UNALIGNED, at, (int) value);
            default -> data.set(ValueLayout.JAVA_LONG_UNALIGNED, at, value);
        }
    }

    /** KVM's statistics of the exits it counts, where the kernel has KVM_GET_STATS_FD (5.14+). */
    @Override
    public Map<String, Long> acceleratorStats() {
        try (KvmStats kvmStats = fd.statsFd()) {
            Map<String, Long> all = kvmStats.read();
            Map<String, Long> exits = new TreeMap<>();
            for (String name : List.of("exits", "io_exits", "mmio_exits", "halt_exits", "irq_exits", "signal_exits",
                    "irq_window_exits", "request_irq_exits", "insn_emulation")) {
                if (all.containsKey(name)) exits.put(name, all.get(name));
            }
            return exits;
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    @Override
    public List<CounterCheck> counterChecks(Map<String, Long> acceleratorStats) {
        return KvmCounterChecks.compare(stats, acceleratorStats);
    }

    @Override
    public void kick() {
        fd.kick();
    }

    @Override
    public VcpuStats stats() {
        return stats;
    }

    @Override
    public void close() {
        fd.close();
    }
}
