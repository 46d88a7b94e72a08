package dev.jkvm.bindings.libc;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * libc functions and constants in jextract's header-class shape. Every downcall captures errno:
 * its first argument is a segment of {@link #ERRNO_STATE_LAYOUT} that {@link #errno} reads.
 * Regenerate with {@code make bindings} when a jextract is available.
 */
public final class Libc {
    private Libc() {}

    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS;

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;

    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_NORESERVE = 0x4000;
    public static final long MAP_FAILED = -1L;

    public static final int EFD_CLOEXEC = 0x80000;
    public static final int EFD_NONBLOCK = 0x800;

    public static final short POLLIN = 0x001;
    public static final short POLLOUT = 0x004;
    public static final short POLLERR = 0x008;
    public static final short POLLHUP = 0x010;

    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int ENOENT = 2;

    /** struct pollfd { int fd; short events; short revents; } */
    public static final StructLayout POLLFD = MemoryLayout.structLayout(
            C_INT.withName("fd"),
            ValueLayout.JAVA_SHORT.withName("events"),
            ValueLayout.JAVA_SHORT.withName("revents")).withName("pollfd");

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    public static final StructLayout ERRNO_STATE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = ERRNO_STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** Allocates a call-state segment to pass as the first argument of every downcall here. */
    public static MemorySegment allocateErrnoState(Arena arena) {
        return arena.allocate(ERRNO_STATE_LAYOUT);
    }

    public static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LOOKUP.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, CAPTURE_ERRNO);
    }

    private static final class Handles {
        static final MethodHandle OPEN = downcall("open", FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT));
        static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(C_INT, C_INT));
        static final MethodHandle IOCTL = downcall("ioctl", FunctionDescriptor.of(C_INT, C_INT, C_LONG, C_LONG));
        static final MethodHandle MMAP = downcall("mmap",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG, C_INT, C_INT, C_INT, C_LONG));
        static final MethodHandle MUNMAP = downcall("munmap", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG));
        static final MethodHandle EVENTFD = downcall("eventfd", FunctionDescriptor.of(C_INT, C_INT, C_INT));
        static final MethodHandle READ = downcall("read", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));
        static final MethodHandle WRITE = downcall("write", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));
        static final MethodHandle POLL = downcall("poll", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_INT));
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    public static int open(MemorySegment errno, MemorySegment path, int flags, int mode) {
        try { return (int) Handles.OPEN.invokeExact(errno, path, flags, mode); } catch (Throwable t) { throw rethrow(t); }
    }

    public static int close(MemorySegment errno, int fd) {
        try { return (int) Handles.CLOSE.invokeExact(errno, fd); } catch (Throwable t) { throw rethrow(t); }
    }

    /** ioctl with an integer or pointer argument passed as a long (the variadic third argument). */
    public static int ioctl(MemorySegment errno, int fd, long request, long arg) {
        try { return (int) Handles.IOCTL.invokeExact(errno, fd, request, arg); } catch (Throwable t) { throw rethrow(t); }
    }

    public static MemorySegment mmap(MemorySegment errno, MemorySegment addr, long length, int prot, int flags, int fd, long offset) {
        try {
            return (MemorySegment) Handles.MMAP.invokeExact(errno, addr, length, prot, flags, fd, offset);
        } catch (Throwable t) { throw rethrow(t); }
    }

    public static int munmap(MemorySegment errno, MemorySegment addr, long length) {
        try { return (int) Handles.MUNMAP.invokeExact(errno, addr, length); } catch (Throwable t) { throw rethrow(t); }
    }

    public static int eventfd(MemorySegment errno, int initval, int flags) {
        try { return (int) Handles.EVENTFD.invokeExact(errno, initval, flags); } catch (Throwable t) { throw rethrow(t); }
    }

    public static long read(MemorySegment errno, int fd, MemorySegment buf, long count) {
        try { return (long) Handles.READ.invokeExact(errno, fd, buf, count); } catch (Throwable t) { throw rethrow(t); }
    }

    public static long write(MemorySegment errno, int fd, MemorySegment buf, long count) {
        try { return (long) Handles.WRITE.invokeExact(errno, fd, buf, count); } catch (Throwable t) { throw rethrow(t); }
    }

    public static int poll(MemorySegment errno, MemorySegment fds, long nfds, int timeoutMs) {
        try { return (int) Handles.POLL.invokeExact(errno, fds, nfds, timeoutMs); } catch (Throwable t) { throw rethrow(t); }
    }
}
