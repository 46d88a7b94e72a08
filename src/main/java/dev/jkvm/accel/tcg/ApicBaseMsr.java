package dev.jkvm.accel.tcg;

import dev.jkvm.devices.apic.LocalApic;
import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.MsrHandler;

/** IA32_APIC_BASE lives in the vCPU's local APIC model; a value it refuses is a #GP, as on hardware. */
final class ApicBaseMsr implements MsrHandler {
    private final LocalApic lapic;
    private final Runnable written;

    /** written runs after each accepted write (the vCPU's cached interrupt state may be stale). */
    ApicBaseMsr(LocalApic lapic, Runnable written) {
        this.lapic = lapic;
        this.written = written;
    }

    @Override
    public boolean handles(int msr) {
        return msr == IA32_APIC_BASE;
    }

    @Override
    public long read(Cpu cpu, int msr) {
        return lapic.apicBaseMsr();
    }

    @Override
    public void write(Cpu cpu, int msr, long value) {
        if (!lapic.setApicBaseMsr(value)) throw CpuException.generalProtection();
        written.run();
    }
}
