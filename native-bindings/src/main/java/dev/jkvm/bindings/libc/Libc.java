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
import java.util.Arrays;

/**
 * libc functions and constants in jextract's header-class shape. Every downcall captures errno:
 * its first argument is a segment of {@link #ERRNO_STATE_LAYOUT} that {@link #errno} reads.
 * Maintained by hand: jextract cannot emit errno-capturing downcalls, so jextract.sh leaves it alone.
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

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int E2BIG = 7;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EINVAL = 22;
    public static final int ENOTTY = 25;

    public static final int SIG_BLOCK = 0;
    public static final int SIG_UNBLOCK = 1;
    public static final int SIG_SETMASK = 2;
    public static final int SIGURG = 23;

    /** struct pollfd { int fd; short events; short revents; } */
    public static final StructLayout POLLFD = MemoryLayout.structLayout(
            C_INT.withName("fd"),
            ValueLayout.JAVA_SHORT.withName("events"),
            ValueLayout.JAVA_SHORT.withName("revents")).withName("pollfd");

    /** glibc's sigset_t: 1024 signal bits; the kernel's own sigset is its first 8 bytes on x86_64. */
    public static final StructLayout SIGSET_T = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(16, C_LONG).withName("__val")).withName("sigset_t");

    /** struct timespec { time_t tv_sec; long tv_nsec; } */
    public static final StructLayout TIMESPEC = MemoryLayout.structLayout(
            C_LONG.withName("tv_sec"),
            C_LONG.withName("tv_nsec")).withName("timespec");

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

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LOOKUP.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        Linker.Option[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = CAPTURE_ERRNO;
        return LINKER.downcallHandle(symbol, descriptor, all);
    }

    private static final class Handles {
        // open and ioctl are variadic: the arguments after the second follow the variadic calling convention.
        static final MethodHandle OPEN = downcall("open", FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT),
                Linker.Option.firstVariadicArg(2));
        static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(C_INT, C_INT));
        static final MethodHandle IOCTL = downcall("ioctl", FunctionDescriptor.of(C_INT, C_INT, C_LONG, C_LONG),
                Linker.Option.firstVariadicArg(2));
        static final MethodHandle MMAP = downcall("mmap",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG, C_INT, C_INT, C_INT, C_LONG));
        static final MethodHandle MUNMAP = downcall("munmap", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG));
        static final MethodHandle EVENTFD = downcall("eventfd", FunctionDescriptor.of(C_INT, C_INT, C_INT));
        static final MethodHandle READ = downcall("read", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));
        static final MethodHandle WRITE = downcall("write", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));
        static final MethodHandle POLL = downcall("poll", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_INT));
        static final MethodHandle PREAD = downcall("pread", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG, C_LONG));
        static final MethodHandle GETPID = downcall("getpid", FunctionDescriptor.of(C_INT));
        static final MethodHandle GETTID = downcall("gettid", FunctionDescriptor.of(C_INT));
        static final MethodHandle TGKILL = downcall("tgkill", FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT));
        static final MethodHandle PTHREAD_SIGMASK = downcall("pthread_sigmask",
                FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_POINTER));
        static final MethodHandle SIGEMPTYSET = downcall("sigemptyset", FunctionDescriptor.of(C_INT, C_POINTER));
        static final MethodHandle SIGADDSET = downcall("sigaddset", FunctionDescriptor.of(C_INT, C_POINTER, C_INT));
        static final MethodHandle SIGTIMEDWAIT = downcall("sigtimedwait",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER));
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

    public static long pread(MemorySegment errno, int fd, MemorySegment buf, long count, long offset) {
        try { return (long) Handles.PREAD.invokeExact(errno, fd, buf, count, offset); } catch (Throwable t) { throw rethrow(t); }
    }

    public static int getpid(MemorySegment errno) {
        try { return (int) Handles.GETPID.invokeExact(errno); } catch (Throwable t) { throw rethrow(t); }
    }

    /** The calling thread's kernel thread id. */
    public static int gettid(MemorySegment errno) {
        try { return (int) Handles.GETTID.invokeExact(errno); } catch (Throwable t) { throw rethrow(t); }
    }

    /** Sends {@code sig} to thread {@code tid} of process {@code tgid}. */
    public static int tgkill(MemorySegment errno, int tgid, int tid, int sig) {
        try { return (int) Handles.TGKILL.invokeExact(errno, tgid, tid, sig); } catch (Throwable t) { throw rethrow(t); }
    }

    /** Returns 0 or an error number (pthread functions do not set errno). */
    public static int pthread_sigmask(MemorySegment errno, int how, MemorySegment set, MemorySegment oldset) {
        try { return (int) Handles.PTHREAD_SIGMASK.invokeExact(errno, how, set, oldset); } catch (Throwable t) { throw rethrow(t); }
    }

    public static int sigemptyset(MemorySegment errno, MemorySegment set) {
        try { return (int) Handles.SIGEMPTYSET.invokeExact(errno, set); } catch (Throwable t) { throw rethrow(t); }
    }

    public static int sigaddset(MemorySegment errno, MemorySegment set, int signum) {
        try { return (int) Handles.SIGADDSET.invokeExact(errno, set, signum); } catch (Throwable t) { throw rethrow(t); }
    }

    public static int sigtimedwait(MemorySegment errno, MemorySegment set, MemorySegment info, MemorySegment timeout) {
        try { return (int) Handles.SIGTIMEDWAIT.invokeExact(errno, set, info, timeout); } catch (Throwable t) { throw rethrow(t); }
    }
}
