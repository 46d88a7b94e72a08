package dev.jkvm.devices.irq;

/**
 * A device's interrupt output. Level-triggered devices hold it with {@link #set}; edge-triggered
 * ones {@link #pulse} it. The machine connects it to the software PIC/IOAPIC or to KVM's irqchip.
 */
@FunctionalInterface
public interface IrqLine {
    IrqLine DISCONNECTED = level -> {};

    void set(boolean level);

    default void raise() {
        set(true);
    }

    default void lower() {
        set(false);
    }

    default void pulse() {
        set(true);
        set(false);
    }
}
