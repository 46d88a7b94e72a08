package dev.jkvm.devices.pic;

/**
 * Told when the master 8259's INT output changes, so a halted vCPU can be woken. It is called with
 * the PIC locked, in order; it must not block on another thread that uses the PIC.
 */
@FunctionalInterface
public interface IntOutputListener {
    void intOutputChanged(boolean asserted);
}
