package dev.jkvm.accel.tcg;

import dev.jkvm.accel.Accelerator;
import dev.jkvm.accel.DeviceFastPaths;
import dev.jkvm.accel.InterruptRouter;
import dev.jkvm.accel.Vcpu;
import dev.jkvm.devices.apic.LocalApic;
import dev.jkvm.devices.time.Clock;
import dev.jkvm.devices.time.VirtualClock;
import dev.jkvm.machine.Machine;
import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuidTable;
import dev.jkvm.tcg.mem.PhysicalMemory;
import dev.jkvm.tcg.state.CpuState;

import java.util.ArrayList;
import java.util.List;

/**
 * The software path: jkvm's x86-64 CPU on the same machine, with Java models of the interrupt
 * controllers and PIT, and deterministic virtual time driven by retired instructions.
 */
public final class TcgAccelerator implements Accelerator {
    /** The virtual TSC runs at 1 GHz (one instruction, one nanosecond); the kernel is told so. */
    private static final String KERNEL_PARAMETERS = "tsc_early_khz=1000000";

    private final VirtualClock clock = new VirtualClock();
    private final List<TcgVcpu> vcpus = new ArrayList<>();
    private Machine machine;
    private SoftwarePlatform platform;
    private PhysicalMemory physical;

    @Override
    public String name() {
        return "tcg";
    }

    @Override
    public String kernelParameters() {
        return KERNEL_PARAMETERS;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public InterruptRouter createVm(Machine machine) {
        this.machine = machine;
        IdleCoordinator idle = new IdleCoordinator(clock, machine.cpus());
        for (int i = 0; i < machine.cpus(); i++) vcpus.add(new TcgVcpu(i, machine, clock, idle));
        platform = new SoftwarePlatform(machine, clock, vcpus, () -> vcpus.forEach(TcgVcpu::picOutputChanged));
        physical = new PhysicalMemory(machine.memory(), machine.mmio());
        return platform;
    }

    @Override
    public DeviceFastPaths deviceFastPaths() {
        return DeviceFastPaths.direct(machine.fastPaths());
    }

    @Override
    public Vcpu createVcpu(int index) {
        TcgVcpu vcpu = vcpus.get(index);
        LocalApic lapic = platform.localApic(index);
        Cpu cpu = Cpu.createSystem(new CpuState(), physical, machine.pio(), clock,
                CpuidTable.forVcpu(index, machine.cpus()), new ApicBaseMsr(lapic, vcpu::apicBaseWritten));
        cpu.msrs().setTopOfMemory(machine.layout().lowRamEnd());
        vcpu.attach(platform, cpu);
        return vcpu;
    }

    @Override
    public void close() {
    }
}
