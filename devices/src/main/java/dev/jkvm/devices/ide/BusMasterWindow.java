package dev.jkvm.devices.ide;

import dev.jkvm.devices.bus.ByteWideDevice;

/**
 * The 16-byte bus-master I/O window behind BAR4: the primary channel's command, status and PRD
 * table address at 0-7, the secondary's at 8-15. Byte registers; wider accesses split into bytes.
 */
final class BusMasterWindow implements ByteWideDevice {
    static final int SIZE = 16;
    private static final int CHANNEL_STRIDE = 8;

    private final IdeChannel primary;
    private final IdeChannel secondary;

    BusMasterWindow(IdeChannel primary, IdeChannel secondary) {
        this.primary = primary;
        this.secondary = secondary;
    }

    @Override
    public int readByte(int offset) {
        if (offset < 0 || offset >= SIZE) return 0xff;
        return channel(offset).readBusMaster(offset % CHANNEL_STRIDE);
    }

    @Override
    public void writeByte(int offset, int value) {
        if (offset >= 0 && offset < SIZE) channel(offset).writeBusMaster(offset % CHANNEL_STRIDE, value);
    }

    private IdeChannel channel(int offset) {
        return offset < CHANNEL_STRIDE ? primary : secondary;
    }
}
