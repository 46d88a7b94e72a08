package dev.jkvm.devices.apic;

/**
 * How a LAPIC reaches its vCPU. Calls come from whichever thread delivered the message (another
 * vCPU, a device, the IOAPIC with its lock held, a timer), never with the LAPIC locked: an
 * implementation records the event, wakes the vCPU thread and returns without blocking.
 */
public interface CpuSignals {
    /** An INIT message reset the LAPIC; the vCPU resets and waits for a STARTUP. */
    void init();

    /** A STARTUP message: a vCPU waiting for one starts in real mode at CS:IP = (vector << 8):0. */
    void startup(int vector);

    void nmi();

    /**
     * An interrupt from outside the vCPU (another CPU, the IOAPIC, an MSI, the LAPIC timer) is now
     * deliverable: a halted vCPU should wake and ask {@link LocalApic#pendingVector()}. Changes the
     * vCPU makes itself (EOI, TPR) are not signalled; it polls between instructions.
     */
    void interruptPending();
}
