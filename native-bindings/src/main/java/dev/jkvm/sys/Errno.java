package dev.jkvm.sys;

import java.util.Map;

/** Names for the errno values a VMM meets, so messages say more than a number. */
public final class Errno {
    private Errno() {}

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM (operation not permitted)"),
            Map.entry(2, "ENOENT (no such file or directory)"),
            Map.entry(4, "EINTR (interrupted)"),
            Map.entry(3, "ESRCH (no such process)"),
            Map.entry(5, "EIO (input/output error)"),
            Map.entry(6, "ENXIO (no such device or address)"),
            Map.entry(7, "E2BIG (argument list too long)"),
            Map.entry(9, "EBADF (bad file descriptor)"),
            Map.entry(11, "EAGAIN (try again)"),
            Map.entry(12, "ENOMEM (out of memory)"),
            Map.entry(13, "EACCES (permission denied)"),
            Map.entry(14, "EFAULT (bad address)"),
            Map.entry(16, "EBUSY (device or resource busy)"),
            Map.entry(17, "EEXIST (file exists)"),
            Map.entry(19, "ENODEV (no such device)"),
            Map.entry(22, "EINVAL (invalid argument)"),
            Map.entry(24, "EMFILE (too many open files)"),
            Map.entry(25, "ENOTTY (inappropriate ioctl for device)"),
            Map.entry(28, "ENOSPC (no space left on device)"),
            Map.entry(38, "ENOSYS (function not implemented)"),
            Map.entry(95, "EOPNOTSUPP (operation not supported)"));

    public static String describe(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }
}
