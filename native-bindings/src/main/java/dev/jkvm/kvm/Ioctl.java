package dev.jkvm.kvm;

import dev.jkvm.bindings.libc.Libc;

import java.lang.foreign.MemorySegment;

/** ioctl on a KVM file descriptor, failing with a {@link KvmException} that names the request. */
final class Ioctl {
    private Ioctl() {}

    /** Returns the ioctl's result, or minus errno on failure, as the kernel itself reports it. */
    static int invoke(int fd, long request, long arg) {
        MemorySegment errno = ErrnoState.current();
        // The kernel takes a 32-bit command; masking keeps an int-typed (_IO) request from sign-extending.
        int result = Libc.ioctl(errno, fd, request & 0xFFFF_FFFFL, arg);
        return result >= 0 ? result : -Libc.errno(errno);
    }

    static int invoke(int fd, long request, MemorySegment arg) {
        return invoke(fd, request, arg.address());
    }

    static int call(int fd, String name, long request, long arg) {
        return check(name, invoke(fd, request, arg));
    }

    static int call(int fd, String name, long request, MemorySegment arg) {
        return check(name, invoke(fd, request, arg));
    }

    /** Passes a non-negative result through; turns minus errno into the exception. */
    static int check(String name, int result) {
        if (result < 0) throw new KvmException(name, -result);
        return result;
    }
}
