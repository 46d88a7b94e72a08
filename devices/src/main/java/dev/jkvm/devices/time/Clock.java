package dev.jkvm.devices.time;

/**
 * The one clock all devices read. The software CPU drives it with deterministic virtual time;
 * the KVM path drives it with host time.
 */
public interface Clock {
    /** Nanoseconds since the machine started. */
    long nanos();

    /** A timer whose callback runs when the clock passes its deadline. */
    DeviceTimer newTimer(String name, Runnable onExpiry);
}
