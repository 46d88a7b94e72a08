package dev.jkvm.sys;

import dev.jkvm.bindings.libc.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Anonymous shared memory from mmap: page-aligned, zero-filled, with a host address KVM can register. */
public final class AnonymousMapping implements AutoCloseable {
    private final MemorySegment segment;
    private boolean closed;

    private AnonymousMapping(MemorySegment segment) {
        this.segment = segment;
    }

    public static AnonymousMapping map(long size) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.allocateErrnoState(arena);
            MemorySegment address = Libc.mmap(errno, MemorySegment.NULL, size,
                    Libc.PROT_READ | Libc.PROT_WRITE,
                    Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS | Libc.MAP_NORESERVE, -1, 0);
            if (address.address() == Libc.MAP_FAILED) {
                throw new NativeException("mmap of " + size + " bytes", Libc.errno(errno));
            }
            return new AnonymousMapping(address.reinterpret(size));
        }
    }

    public MemorySegment segment() {
        return segment;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.allocateErrnoState(arena);
            if (Libc.munmap(errno, segment, segment.byteSize()) != 0) {
                throw new NativeException("munmap", Libc.errno(errno));
            }
        }
    }
}
