package dev.jkvm.accel;

import dev.jkvm.devices.irq.IrqLine;
import dev.jkvm.devices.irq.MsiSink;

/**
 * Carries device interrupts to the CPUs: to the software PIC/IOAPIC, or to KVM's in-kernel irqchip.
 * GSIs below 16 are ISA IRQs and reach both the PIC and the IOAPIC, as on a PC.
 */
public interface InterruptRouter {
    IrqLine gsi(int gsi);

    MsiSink msi();

    /**
     * The MSI sink of one device (its MSI-X vectors): an accelerator with irqfd gives each programmed vector a
     * GSI route and an eventfd; by default every device shares {@link #msi()}.
     */
    default MsiSink msi(String device) {
        return msi();
    }
}
