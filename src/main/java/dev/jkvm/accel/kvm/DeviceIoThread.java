package dev.jkvm.accel.kvm;

import dev.jkvm.bindings.libc.Libc;
import dev.jkvm.kvm.EventFd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A device's I/O thread: waits in poll(2) on the eventfds KVM signals (ioeventfd notifications, irqfd
 * resample events) and runs each one's handler with the number of signals since the last run. vCPU
 * threads never run these handlers: a notification costs the vCPU no exit to user space.
 *
 * <p>Eventfds come and go while it runs (the guest moves a BAR): {@link #remove} hands the eventfd back to
 * this thread, which processes what is still pending and closes it once it no longer polls it.
 */
final class DeviceIoThread implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeviceIoThread.class);
    private static final long POLLFD_SIZE = Libc.POLLFD.byteSize();

    private record Entry(EventFd fd, LongConsumer handler) {}

    private final String name;
    private final EventFd wake = EventFd.create();
    private final Thread thread;
    private final Object lock = new Object();
    private List<Entry> entries = List.of();
    private List<Entry> retired = new ArrayList<>();
    private volatile boolean closed;

    DeviceIoThread(String name) {
        this.name = name;
        this.thread = Thread.ofPlatform().name("io-" + name).daemon().start(this::loop);
    }

    String name() {
        return name;
    }

    /** Polls {@code fd} from now on; {@code handler} runs on this thread with the signal count. */
    void add(EventFd fd, LongConsumer handler) {
        synchronized (lock) {
            if (closed) throw new IllegalStateException("I/O thread " + name + " is closed");
            List<Entry> next = new ArrayList<>(entries);
            next.add(new Entry(fd, handler));
            entries = List.copyOf(next);
        }
        wake.signal();
    }

    /** Stops polling {@code fd}; this thread runs its handler for any signal still pending, then closes it. */
    void remove(EventFd fd) {
        boolean closeHere;
        synchronized (lock) {
            List<Entry> next = new ArrayList<>(entries);
            Entry removed = null;
            for (Entry e : next) if (e.fd() == fd) removed = e;
            if (removed == null) return;
            next.remove(removed);
            entries = List.copyOf(next);
            closeHere = closed;
            if (!closeHere) retired.add(removed);
        }
        if (closeHere) fd.close();
        else wake.signal();
    }

    private void loop() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.allocateErrnoState(arena);
            MemorySegment fds = arena.allocate(POLLFD_SIZE * 16, 8);
            while (!closed) {
                List<Entry> polled;
                synchronized (lock) {
                    polled = entries;
                }
                if (fds.byteSize() < POLLFD_SIZE * (polled.size() + 1)) {
                    fds = arena.allocate(POLLFD_SIZE * (polled.size() + 1) * 2, 8);
                }
                setPollfd(fds, 0, wake.fd());
                for (int i = 0; i < polled.size(); i++) setPollfd(fds, i + 1, polled.get(i).fd().fd());
                int n = Libc.poll(errno, fds, polled.size() + 1, -1);
                if (n < 0) {
                    if (Libc.errno(errno) == Libc.EINTR) continue;
                    log.error("I/O thread {}: poll failed, errno {}", name, Libc.errno(errno));
                    return;
                }
                for (int i = 0; i < polled.size(); i++) {
                    if ((revents(fds, i + 1) & Libc.POLLIN) != 0) run(polled.get(i));
                }
                if (revents(fds, 0) != 0) {
                    wake.consume();
                    closeRetired();
                }
            }
        } catch (Throwable t) {
            log.error("I/O thread {} failed", name, t);
        } finally {
            closeRetired();
        }
    }

    private void closeRetired() {
        List<Entry> done;
        synchronized (lock) {
            done = retired;
            retired = new ArrayList<>();
        }
        for (Entry e : done) {
            run(e);
            e.fd().close();
        }
    }

    private void run(Entry e) {
        long signals = e.fd().consume();
        if (signals <= 0) return;
        try {
            e.handler().accept(signals);
        } catch (RuntimeException ex) {
            log.warn("I/O thread {}: handler failed: {}", name, ex.toString(), ex);
        }
    }

    private static void setPollfd(MemorySegment fds, int index, int fd) {
        long at = index * POLLFD_SIZE;
        fds.set(ValueLayout.JAVA_INT, at, fd);
        fds.set(ValueLayout.JAVA_SHORT, at + 4, Libc.POLLIN);
        fds.set(ValueLayout.JAVA_SHORT, at + 6, (short) 0);
    }

    private static short revents(MemorySegment fds, int index) {
        return fds.get(ValueLayout.JAVA_SHORT, index * POLLFD_SIZE + 6);
    }

    @Override
    public void close() {
        List<Entry> left;
        synchronized (lock) {
            if (closed) return;
            closed = true;
            left = entries;
            entries = List.of();
        }
        wake.signal();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Entry e : left) e.fd().close();
        wake.close();
    }
}
