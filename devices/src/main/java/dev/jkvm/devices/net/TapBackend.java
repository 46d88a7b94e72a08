package dev.jkvm.devices.net;

import dev.jkvm.bindings.libc.Libc;
import dev.jkvm.sys.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code net=tap:IFNAME}: the guest's link is a host TAP interface, created (or attached to, if it
 * exists and is free) through /dev/net/tun with IFF_TAP | IFF_NO_PI, so each read and write is one
 * Ethernet frame. The host configures the interface (address, bridge) itself.
 *
 * <p>Writes are non-blocking: a frame the kernel cannot take at once is dropped, as on a congested
 * wire. A reader thread polls the descriptor and offers frames to the sink; while the sink refuses
 * one it holds that frame and reads no further, so the kernel's queue absorbs (and eventually
 * drops) the rest.
 */
public final class TapBackend implements NetBackend {
    private static final String TUN_DEVICE = "/dev/net/tun";
    /** _IOW('T', 202, int) */
    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TAP = 0x0002, IFF_NO_PI = 0x1000;
    /** struct ifreq: the name in 16 bytes, then a union whose first member here is the flags short. */
    private static final int IFREQ_SIZE = 40, IFNAMSIZ = 16, IFREQ_FLAGS = 16;
    private static final int ENOENT = 2, ENXIO = 6, EACCES = 13, EBUSY = 16, ENODEV = 19;
    private static final int MAX_FRAME = 65536, POLL_TIMEOUT_MS = 100;

    private final String name;
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment writeBuffer = arena.allocate(MAX_FRAME);
    private final MemorySegment writeErrno = Libc.allocateErrnoState(arena);
    private final AtomicLong droppedFrames = new AtomicLong();
    private final Thread reader;
    private volatile FrameSink sink;
    private volatile boolean running = true;

    /** Opens the TAP interface; fails with a message saying what to fix. */
    public TapBackend(String interfaceName) {
        byte[] nameBytes = interfaceName.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length == 0 || nameBytes.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("tap interface name must be 1-15 characters: '" + interfaceName + "'");
        }
        this.name = interfaceName;
        this.fd = openTap(nameBytes);
        this.reader = Thread.ofPlatform().daemon().name("net-tap-" + interfaceName).start(this::readLoop);
    }

    private int openTap(byte[] nameBytes) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = Libc.allocateErrnoState(call);
            int tun = Libc.open(errno, call.allocateFrom(TUN_DEVICE), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
            if (tun < 0) throw openFailure(Libc.errno(errno));
            MemorySegment ifreq = call.allocate(IFREQ_SIZE);
            MemorySegment.copy(nameBytes, 0, ifreq, ValueLayout.JAVA_BYTE, 0, nameBytes.length);
            ifreq.set(ValueLayout.JAVA_SHORT, IFREQ_FLAGS, (short) (IFF_TAP | IFF_NO_PI));
            if (Libc.ioctl(errno, tun, TUNSETIFF, ifreq.address()) < 0) {
                int error = Libc.errno(errno);
                Libc.close(errno, tun);
                throw attachFailure(error);
            }
            return tun;
        }
    }

    private static TapException openFailure(int errno) {
        return new TapException(switch (errno) {
            case ENOENT, ENODEV, ENXIO -> TUN_DEVICE + " is missing: load the tun module (modprobe tun) or use net=user";
            case EACCES -> "permission denied opening " + TUN_DEVICE + ": run with access to it or use net=user";
            default -> "cannot open " + TUN_DEVICE + ": " + Errno.describe(errno);
        });
    }

    private TapException attachFailure(int errno) {
        return new TapException(switch (errno) {
            case Libc.EPERM -> "creating tap " + name + " needs CAP_NET_ADMIN (EPERM): run as root, or create it first"
                    + " with 'ip tuntap add dev " + name + " mode tap user USER', or use net=user";
            case EBUSY -> "tap " + name + " is busy: another process has it open";
            case Libc.EINVAL -> "'" + name + "' exists and is not a tap interface this user may attach to (EINVAL)";
            default -> "TUNSETIFF for tap " + name + " failed: " + Errno.describe(errno);
        });
    }

    /** Why the TAP interface could not be opened. */
    public static final class TapException extends RuntimeException {
        TapException(String message) {
            super(message);
        }
    }

    public String interfaceName() {
        return name;
    }

    /** Frames dropped: the kernel could not take a guest frame, or a write failed. */
    public long droppedFrames() {
        return droppedFrames.get();
    }

    @Override
    public void send(byte[] frame, int offset, int length) {
        synchronized (writeBuffer) {
            if (length > MAX_FRAME || !running) {
                droppedFrames.incrementAndGet();
                return;
            }
            MemorySegment.copy(frame, offset, writeBuffer, ValueLayout.JAVA_BYTE, 0, length);
            if (Libc.write(writeErrno, fd, writeBuffer, length) != length) droppedFrames.incrementAndGet();
        }
    }

    @Override
    public void attach(FrameSink sink) {
        this.sink = sink;
        LockSupport.unpark(reader);
    }

    @Override
    public void receiveRoomAvailable() {
        LockSupport.unpark(reader);
    }

    private void readLoop() {
        try (Arena local = Arena.ofConfined()) {
            MemorySegment errno = Libc.allocateErrnoState(local);
            MemorySegment pollfd = local.allocate(Libc.POLLFD);
            MemorySegment buffer = local.allocate(MAX_FRAME);
            byte[] frame = new byte[MAX_FRAME];
            while (running) {
                pollfd.set(ValueLayout.JAVA_INT, 0, fd);
                pollfd.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
                if (Libc.poll(errno, pollfd, 1, POLL_TIMEOUT_MS) <= 0) continue;
                long n = Libc.read(errno, fd, buffer, MAX_FRAME);
                if (n <= 0) continue; // EAGAIN, EINTR, or the interface went down
                MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, frame, 0, (int) n);
                offerUntilTaken(frame, (int) n);
            }
        }
    }

    /** Holds the frame until the sink takes it or the backend closes. */
    private void offerUntilTaken(byte[] frame, int length) {
        while (running) {
            FrameSink target = sink;
            if (target != null && target.offer(frame, 0, length)) return;
            LockSupport.parkNanos(POLL_TIMEOUT_MS * 1_000_000L);
        }
    }

    @Override
    public void close() {
        synchronized (writeBuffer) {
            if (!running) return;
            running = false;
        }
        LockSupport.unpark(reader);
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (writeBuffer) {
            Libc.close(writeErrno, fd);
            arena.close();
        }
    }
}
