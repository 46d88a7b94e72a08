package dev.jkvm.accel;

import dev.jkvm.devices.time.Clock;
import dev.jkvm.machine.Machine;

/**
 * The one seam between the machine and what runs its CPUs: KVM or the software CPU. The machine
 * and its devices never know which one runs.
 */
public interface Accelerator extends AutoCloseable {
    /** "kvm" or "tcg", as --accel names it. */
    String name();

    /** The clock the machine's devices use: virtual time for the software CPU, host time for KVM. */
    Clock clock();

    /**
     * Creates the VM over the machine's RAM, with the platform parts KVM keeps in the kernel: PIC,
     * IOAPIC, local APICs and PIT. KVM creates them in the kernel; the software CPU registers its own
     * models on the machine's buses, counted as in-kernel accesses. Returns how device interrupt
     * lines reach the CPUs.
     */
    InterruptRouter createVm(Machine machine);

    /** Kernel parameters this accelerator's platform needs (for example the software CPU's TSC rate). */
    default String kernelParameters() {
        return "";
    }

    /**
     * The device fast paths of the VM {@link #createVm} made, as far as {@code machine.fastPaths()} allows
     * them. The software CPU has none of its own (its devices handle every access on the vCPU thread), but
     * it labels the same windows in-kernel as KVM's paths would, so exit tables from both line up.
     */
    DeviceFastPaths deviceFastPaths();

    /** Creates vCPU {@code index}; vCPU 0 starts at the kernel entry, the others wait for INIT/SIPI. */
    Vcpu createVcpu(int index);

    @Override
    void close();
}
