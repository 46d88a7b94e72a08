package dev.jkvm.devices.debugexit;

import dev.jkvm.devices.bus.BusDevice;

import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * A test hook port (QEMU's isa-debug-exit convention, usually at 0xf4): a write of 1 to 4 bytes with
 * value v ends the VM with exit status {@code (v << 1) | 1}. The status is always odd, so a guest
 * cannot fake a clean exit of 0, and a test harness maps its own success code (e.g. v = 0 -> 1).
 * Reads return 0.
 */
public final class DebugExit implements BusDevice {
    private final IntConsumer onExit;

    /** @param onExit receives the exit status and stops the VM */
    public DebugExit(IntConsumer onExit) {
        this.onExit = Objects.requireNonNull(onExit, "onExit");
    }

    /** The exit status a written value requests. */
    public static int exitStatus(long value) {
        return (int) (value << 1) | 1;
    }

    @Override
    public long read(long offset, int size) {
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        long written = size >= 8 ? value : value & ((1L << (8 * size)) - 1);
        onExit.accept(exitStatus(written));
    }
}
