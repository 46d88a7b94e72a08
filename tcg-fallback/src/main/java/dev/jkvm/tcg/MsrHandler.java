package dev.jkvm.tcg;

/**
 * The machine's side of RDMSR/WRMSR, for MSRs whose state lives outside the CPU: IA32_APIC_BASE
 * (0x1B, the local APIC is a device) and, if the VMM ever offers x2APIC, 0x800..0x8FF. The CPU asks
 * {@link #handles} first for every MSR; for the ones handled here it calls read/write, which may
 * throw {@link CpuException#generalProtection()} to refuse. MSRs nobody handles that the CPU does
 * not model raise #GP (Linux probes with rdmsr_safe/wrmsr_safe).
 *
 * <p>Called on the vCPU's thread during execution.
 */
public interface MsrHandler {
    int IA32_APIC_BASE = 0x1b;

    boolean handles(int msr);

    long read(Cpu cpu, int msr);

    void write(Cpu cpu, int msr, long value);

    /** Handles nothing: the CPU keeps IA32_APIC_BASE in {@code CpuState.apicBase} itself. */
    MsrHandler NONE = new MsrHandler() {
        @Override
        public boolean handles(int msr) {
            return false;
        }

        @Override
        public long read(Cpu cpu, int msr) {
            throw CpuException.generalProtection();
        }

        @Override
        public void write(Cpu cpu, int msr, long value) {
            throw CpuException.generalProtection();
        }
    };
}
