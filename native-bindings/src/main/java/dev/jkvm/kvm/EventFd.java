package dev.jkvm.kvm;

import dev.jkvm.bindings.libc.Libc;
import dev.jkvm.sys.NativeException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A non-blocking eventfd: the doorbell between KVM and device threads (irqfd, ioeventfd).
 * {@link #signal()} adds one to its counter; {@link #consume()} reads and resets it.
 */
public final class EventFd implements AutoCloseable {
    private final OwnedFd fd;

    private EventFd(OwnedFd fd) {
        this.fd = fd;
    }

    public static EventFd create() {
        MemorySegment errno = ErrnoState.current();
        int fd = Libc.eventfd(errno, 0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        if (fd < 0) throw new NativeException("eventfd", Libc.errno(errno));
        return new EventFd(new OwnedFd("eventfd", fd));
    }

    public int fd() {
        return fd.get();
    }

    public void signal() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = ErrnoState.current();
            MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_LONG, 1L);
            // EAGAIN means the counter is at its maximum: it is signalled already.
            if (Libc.write(errno, fd.get(), one, Long.BYTES) != Long.BYTES && Libc.errno(errno) != Libc.EAGAIN) {
                throw new NativeException("write to eventfd", Libc.errno(errno));
            }
        }
    }

    /** Returns how many signals arrived since the last call (0 if none) and resets the count. */
    public long consume() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = ErrnoState.current();
            MemorySegment value = arena.allocate(ValueLayout.JAVA_LONG);
            if (Libc.read(errno, fd.get(), value, Long.BYTES) == Long.BYTES) return value.get(ValueLayout.JAVA_LONG, 0);
            if (Libc.errno(errno) == Libc.EAGAIN) return 0;
            throw new NativeException("read from eventfd", Libc.errno(errno));
        }
    }

    @Override
    public void close() {
        fd.close();
    }
}
