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
}
