package dev.jkvm.devices.time;

/** A one-shot timer; re-arm it from its callback for periodic behaviour. */
public interface DeviceTimer {
    /** Arms (or re-arms) the timer for an absolute clock time in nanoseconds. */
    void armAt(long deadlineNanos);

    void cancel();

    boolean armed();
}
