package dev.jkvm.kvm;

import dev.jkvm.bindings.libc.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/** A file descriptor this object owns and closes once. */
final class OwnedFd implements AutoCloseable {
    private final String what;
    private volatile int fd;

    OwnedFd(String what, int fd) {
        this.what = what;
        this.fd = fd;
    }

    /** Opens {@code path} read-write and close-on-exec. */
    static OwnedFd open(Path path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = ErrnoState.current();
            int fd = Libc.open(errno, arena.allocateFrom(path.toString()), Libc.O_RDWR | Libc.O_CLOEXEC, 0);
            if (fd < 0) throw new KvmException("open " + path, Libc.errno(errno));
            return new OwnedFd(path.toString(), fd);
        }
    }

    int get() {
        int current = fd;
        if (current < 0) throw new IllegalStateException(what + " is closed");
        return current;
    }

    @Override
    public synchronized void close() {
        int current = fd;
        if (current < 0) return;
        fd = -1;
        MemorySegment errno = ErrnoState.current();
        // Linux releases the descriptor even when close reports EINTR, so only other errors matter.
        if (Libc.close(errno, current) != 0 && Libc.errno(errno) != Libc.EINTR) {
            throw new KvmException("close of " + what, Libc.errno(errno));
        }
    }
}
