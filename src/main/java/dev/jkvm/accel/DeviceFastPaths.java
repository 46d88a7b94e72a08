package dev.jkvm.accel;

import dev.jkvm.config.FastPaths;

import java.util.function.LongConsumer;

/**
 * What an accelerator offers devices beyond exits to the vCPU thread (KVM's ioeventfd and coalesced MMIO).
 * The machine asks for them as the guest places device windows; {@code null} from a request means the
 * accelerator has no such path and the access keeps reaching the bus on the vCPU thread, which is what
 * the software CPU does ({@link #DIRECT}).
 */
public interface DeviceFastPaths {
    /** A fast path in place; closing it removes it. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Which fast paths the user asked for (--fast-paths). */
    FastPaths enabled();

    /**
     * Watches guest writes of {@code length} bytes at {@code address} (port space if {@code pio}): instead of
     * exiting, each write signals {@code handler} on the device I/O thread named {@code ioThread} with the
     * number of writes since its last call. Returns null when there is no such path.
     */
    Registration watchWrites(String ioThread, boolean pio, long address, int length, LongConsumer handler);

    /**
     * Lets guest writes to {@code [address, address + length)} complete without an exit; they are replayed to
     * the bus, in order, before the next exit is handled and whenever {@link #syncPendingWrites} runs.
     * Returns null when there is no such path.
     */
    Registration coalesceWrites(long address, long length);

    /** Replays buffered writes now: a device calls it before it reads its state from a thread of its own. */
    void syncPendingWrites();

    /** No fast paths of its own: every access reaches the bus on the thread that made it. */
    static DeviceFastPaths direct(FastPaths enabled) {
        return new DeviceFastPaths() {
            @Override
            public FastPaths enabled() {
                return enabled;
            }

            @Override
            public Registration watchWrites(String ioThread, boolean pio, long address, int length, LongConsumer handler) {
                return null;
            }

            @Override
            public Registration coalesceWrites(long address, long length) {
                return null;
            }

            @Override
            public void syncPendingWrites() {
            }
        };
    }

    DeviceFastPaths DIRECT = direct(FastPaths.NONE);
}
