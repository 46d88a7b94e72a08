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
 * user space: port and MMIO accesses to user-space devices, with `rep ins` batched as KVM batches it
 * ({@link PortReadBatches}). HLT is counted apart, as in-kernel: jkvm's
 * KVM VMs have the in-kernel irqchip, so KVM waits for the interrupt itself.
 */
final class TcgVcpu implements Vcpu, CpuSignals {
    /** The most instructions run between looks at timers and requests. */
    private static final long MAX_SLICE = 200_000;

    private final int index;
    private final Machine machine;
    private final VirtualClock clock;
    private final IdleCoordinator idle;
    private final VcpuStats stats = new VcpuStats();
    private final PortReadBatches portReads = new PortReadBatches();
    private SoftwarePlatform platform;
    private Cpu cpu;
    private ApicInterrupts interrupts;
    private volatile boolean signalled;

    TcgVcpu(int index, Machine machine, VirtualClock clock, IdleCoordinator idle) {
        this.index = index;
        this.machine = machine;
        this.clock = clock;
        this.idle = idle;
    }

    void attach(SoftwarePlatform platform, Cpu cpu) {
        this.platform = platform;
        this.cpu = cpu;
        interrupts = new ApicInterrupts(platform.localApic(index), platform.pic());
        cpu.setInterruptSource(interrupts);
        if (index != 0) cpu.init(); // application processors wait for the guest's INIT/SIPI
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public void setBootState(BootCpuState state) {
        TcgBootRegisters.apply(cpu.state, state);
    }

    @Override
    public void run() {
        platform.bindCurrentThread(index);
        // Any port or MMIO access of this vCPU may change its interrupt state (EOI, TPR, PIC masks).
        machine.pio().observeThisThread((window, direction, size) -> {
            interruptStateChanged();
            countPortExit(window, direction, size);
        });
        machine.mmio().observeThisThread((window, direction, size) -> {
            interruptStateChanged();
            countExit(window, direction == Direction.READ ? ExitReason.MMIO_READ : ExitReason.MMIO_WRITE);
        });
        try {
            while (!machine.lifecycle().stopping()) {
                long untilDeadline = clock.nextDeadline() - clock.nanos();
                dev.jkvm.tcg.StopReason why = cpu.runSlice(Math.clamp(untilDeadline, 1, MAX_SLICE));
                switch (why) {
                    case HALTED -> {
                        stats.countInKernel(ExitReason.HLT);
                        awaitSignalOr(this::hasInterrupt);
                    }
                    case WAITING_FOR_SIPI -> awaitSignalOr(() -> false);
                    case TRIPLE_FAULT -> {
                        stats.count(ExitReason.SHUTDOWN);
                        machine.lifecycle().requestStop(StopReason.reset("vCPU " + index + " shut down (triple fault): the guest reset"));
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

    /** Sleeps (letting idle time pass) until an interrupt is deliverable, a signal arrives or the VM stops. */
    private void awaitSignalOr(java.util.function.BooleanSupplier ready) throws InterruptedException {
        idle.awaitWork(() -> {
            if (signalled || machine.lifecycle().stopping()) return true;
            return ready.getAsBoolean();
        });
        signalled = false;
    }

    /** Whether a maskable interrupt would wake HLT now. */
    private boolean hasInterrupt() {
        return cpu.state.interruptsEnabled() && interrupts.hasPendingInterrupt();
    }

    private void countExit(Bus.Window window, ExitReason reason) {
        if (reachesUserSpace(window)) {
            portReads.end();
            stats.count(reason);
        }
    }

    /** Unclaimed addresses exit to user space too: KVM knows nothing of them. */
    private static boolean reachesUserSpace(Bus.Window window) {
        return window == null || window.exitKind() == ExitKind.USER_SPACE;
    }

    private void countPortExit(Bus.Window window, Direction direction, int size) {
        if (direction == Direction.WRITE) {
            countExit(window, ExitReason.IO_OUT);
        } else if (reachesUserSpace(window)) {
            if (portReads.startsExit(window, size, cpu.state, cpu.retiredInstructions())) stats.count(ExitReason.IO_IN);
        }
    }

    @Override
    public void init() {
        cpu.requestInit();
        signal();
    }

    @Override
    public void startup(int vector) {
        cpu.requestStartup(vector);
        signal();
    }

    @Override
    public void nmi() {
        cpu.requestNmi();
        signal();
    }

    private void signal() {
        signalled = true;
        interruptStateChanged();
        idle.wake();
    }

    @Override
    public void interruptPending() {
        interruptStateChanged();
        idle.wake();
    }

    void picOutputChanged() {
        interruptStateChanged();
        idle.wake();
    }

    private void interruptStateChanged() {
        ApicInterrupts source = interrupts;
        if (source != null) source.stale(); // null until attach: nothing asks before then
    }

    /** WRMSR IA32_APIC_BASE can enable or disable the LAPIC, which changes where interrupts come from. */
    void apicBaseWritten() {
        interruptStateChanged();
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

    /**
     * The CPU's INTR line: the local APIC first, then the PIC when LINT0 passes it through. The CPU
     * asks between blocks, so the answer is cached (asking takes the device locks) until something
     * that can change it marks it stale: a signal from another thread, the PIC's output changing,
     * this vCPU's own port, MMIO or APIC-base accesses, or an acknowledge.
     */
    private static final class ApicInterrupts implements InterruptSource {
        private final LocalApic lapic;
        private final PicPair pic;
        private volatile boolean stale = true;
        private boolean pending;

        ApicInterrupts(LocalApic lapic, PicPair pic) {
            this.lapic = lapic;
            this.pic = pic;
        }

        void stale() {
            stale = true;
        }

        @Override
        public boolean hasPendingInterrupt() {
            if (stale) {
                stale = false; // before asking: a change racing with the question marks it stale again
                pending = lapic.pendingVector() >= 0 || (lapic.acceptsPicInterrupts() && pic.hasInterrupt());
            }
            return pending;
        }

        @Override
        public int acknowledgeInterrupt() {
            stale = true;
            return lapic.pendingVector() >= 0 ? lapic.acknowledge() : pic.acknowledge();
        }
    }
}
