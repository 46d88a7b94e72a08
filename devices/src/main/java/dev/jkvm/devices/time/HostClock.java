package dev.jkvm.devices.time;

/**
 * Host monotonic time for the KVM path. A daemon thread fires timers as their deadlines pass.
 */
public final class HostClock implements Clock, AutoCloseable {
    private final TimerQueue timers = new TimerQueue();
    private final long origin = System.nanoTime();
    private final Thread dispatcher;
    private volatile boolean closed;

    public HostClock() {
        dispatcher = Thread.ofPlatform().daemon().name("jkvm-timers").start(this::dispatch);
    }

    @Override
    public long nanos() {
        return System.nanoTime() - origin;
    }

    @Override
    public DeviceTimer newTimer(String name, Runnable onExpiry) {
        return timers.newTimer(name, onExpiry);
    }

    private void dispatch() {
        try {
            while (!closed) {
                timers.runExpired(nanos());
                long next = timers.nextDeadline();
                long wait = next == Long.MAX_VALUE ? 100_000_000L : Math.min(next - nanos(), 100_000_000L);
                timers.awaitChange(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
    }
}
