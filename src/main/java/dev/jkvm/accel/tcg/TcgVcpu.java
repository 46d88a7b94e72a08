package dev.jkvm.accel.tcg;

import dev.jkvm.accel.ExitReason;
import dev.jkvm.accel.Vcpu;
import dev.jkvm.accel.VcpuStats;
import dev.jkvm.boot.BootCpuState;
import dev.jkvm.devices.apic.CpuSignals;
import dev.jkvm.devices.apic.LocalApic;
import dev.jkvm.devices.bus.Bus;
import dev.jkvm.devices.bus.Direction;
import dev.jkvm.devices.bus.ExitKind;
import dev.jkvm.devices.pic.PicPair;
import dev.jkvm.devices.time.VirtualClock;
import dev.jkvm.machine.Machine;
import dev.jkvm.machine.StopReason;
import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.InterruptSource;

/**
 * One software vCPU on its own platform thread: runs slices of guest code, takes interrupts from its
 * local APIC (or the PIC through LINT0), sleeps in HLT, and counts as exits what KVM would hand to
 * user space: port and MMIO accesses to user-space devices.
 */
final class TcgVcpu implements Vcpu, CpuSignals {
    /** The most instructions run between looks at timers and requests. */
    private static final long MAX_SLICE = 200_000;

    private final int index;
    private final Machine machine;
    private final VirtualClock clock;
    private final IdleCoordinator idle;
    private final VcpuStats stats = new VcpuStats();
    private SoftwarePlatform platform;
    private Cpu cpu;
    private volatile boolean waitingForStartup;
    private volatile int startupVector = -1;
    private volatile boolean initRequested;

    TcgVcpu(int index, Machine machine, VirtualClock clock, IdleCoordinator idle) {
        this.index = index;
        this.machine = machine;
        this.clock = clock;
        this.idle = idle;
        this.waitingForStartup = index != 0;
    }

    void attach(SoftwarePlatform platform, Cpu cpu) {
        this.platform = platform;
        this.cpu = cpu;
        cpu.setInterruptSource(new ApicInterrupts(platform.localApic(index), platform.pic()));
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public void setBootState(BootCpuState state) {
        TcgBootRegisters.apply(cpu.state, state);
        waitingForStartup = false;
    }

    @Override
    public void run() {
        platform.bindCurrentThread(index);
        machine.pio().observeThisThread((window, direction, size) ->
                countExit(window, direction == Direction.READ ? ExitReason.IO_IN : ExitReason.IO_OUT));
        machine.mmio().observeThisThread((window, direction, size) ->
                countExit(window, direction == Direction.READ ? ExitReason.MMIO_READ : ExitReason.MMIO_WRITE));
        try {
            while (!machine.lifecycle().stopping()) {
                if (takeStartupSignals()) continue;
                if (waitingForStartup) {
                    idle.awaitWork(() -> startupVector >= 0 || initRequested || machine.lifecycle().stopping());
                    continue;
                }
                long untilDeadline = clock.nextDeadline() - clock.nanos();
                dev.jkvm.tcg.StopReason why = cpu.runSlice(Math.clamp(untilDeadline, 1, MAX_SLICE));
                switch (why) {
                    case HALTED -> {
                        stats.count(ExitReason.HLT);
                        idle.awaitWork(this::hasWork);
                        cpu.state.halted = !interruptible();
                    }
                    case EXCEPTION -> machine.lifecycle().requestStop(StopReason.error(
                            "vCPU " + index + ": the software CPU cannot go on: " + cpu.lastException().getMessage()
                                    + String.format(" at rip %#x", cpu.state.rip)));
                    case INSTRUCTION_LIMIT, STOP_REQUESTED -> { }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            machine.pio().observeThisThread(null);
            machine.mmio().observeThisThread(null);
        }
    }

    /** INIT puts the CPU in wait-for-STARTUP; STARTUP starts it in real mode. */
    private boolean takeStartupSignals() {
        if (initRequested) {
            initRequested = false;
            waitingForStartup = true;
            startupVector = -1;
            return true;
        }
        int vector = startupVector;
        if (vector >= 0 && waitingForStartup) {
            startupVector = -1;
            TcgBootRegisters.startup(cpu.state, vector);
            waitingForStartup = false;
            return true;
        }
        return false;
    }

    private boolean interruptible() {
        return cpu.state.interruptsEnabled() && cpu.state.halted && hasInterrupt();
    }

    private boolean hasInterrupt() {
        LocalApic lapic = platform.localApic(index);
        return lapic.hasPendingInterrupt() || (lapic.acceptsPicInterrupts() && platform.pic().hasInterrupt());
    }

    private boolean hasWork() {
        return machine.lifecycle().stopping() || initRequested || (cpu.state.interruptsEnabled() && hasInterrupt());
    }

    /** Accesses to what KVM emulates in the kernel are not exits; the bus counts them per device. */
    private void countExit(Bus.Window window, ExitReason reason) {
        if (window == null || window.exitKind() == ExitKind.USER_SPACE) stats.count(reason);
    }

    @Override
    public void init() {
        initRequested = true;
        cpu.requestStop();
        idle.wake();
    }

    @Override
    public void startup(int vector) {
        startupVector = vector;
        idle.wake();
    }

    @Override
    public void nmi() {
        idle.wake();
    }

    @Override
    public void interruptPending() {
        idle.wake();
    }

    void picOutputChanged() {
        idle.wake();
    }

    @Override
    public void kick() {
        if (cpu != null) cpu.requestStop();
        idle.wake();
    }

    @Override
    public VcpuStats stats() {
        return stats;
    }

    @Override
    public void close() {
    }

    /** The CPU's INTR line: the local APIC first, then the PIC when LINT0 passes it through. */
    private record ApicInterrupts(LocalApic lapic, PicPair pic) implements InterruptSource {
        @Override
        public boolean hasPendingInterrupt() {
            return lapic.pendingVector() >= 0 || (lapic.acceptsPicInterrupts() && pic.hasInterrupt());
        }

        @Override
        public int acknowledgeInterrupt() {
            return lapic.pendingVector() >= 0 ? lapic.acknowledge() : pic.acknowledge();
        }
    }
}
