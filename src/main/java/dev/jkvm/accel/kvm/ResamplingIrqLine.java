package dev.jkvm.accel.kvm;

import dev.jkvm.devices.irq.IrqLine;

/**
 * A level-triggered interrupt line (PCI INTx on an IOAPIC input) through an irqfd with a resample eventfd:
 * asserting signals the trigger, and KVM holds the input high until the guest acknowledges the interrupt
 * (EOI); then KVM lowers it and signals the resample eventfd, and the line asserts again if the device
 * still holds it. Deasserting needs no call into KVM: the next acknowledgement lowers the input.
 */
final class ResamplingIrqLine implements IrqLine {
    /** The trigger eventfd, as the line sees it. */
    interface Trigger {
        void signal();
    }

    private final Trigger trigger;
    private boolean asserted;
    private long triggers;

    ResamplingIrqLine(Trigger trigger) {
        this.trigger = trigger;
    }

    @Override
    public synchronized void set(boolean level) {
        if (level && !asserted) fire();
        asserted = level;
    }

    /** The guest acknowledged the interrupt and KVM lowered the input: raise it again while the device holds it. */
    synchronized void resampled() {
        if (asserted) fire();
    }

    private void fire() {
        triggers++;
        trigger.signal();
    }

    synchronized boolean asserted() {
        return asserted;
    }

    synchronized long triggers() {
        return triggers;
    }
}
