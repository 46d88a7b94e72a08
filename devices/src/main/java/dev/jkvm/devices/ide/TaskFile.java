package dev.jkvm.devices.ide;

/**
 * The command block's shadow registers. Features, sector count and the LBA registers are two deep:
 * a write pushes the previous value into the high-order byte that 48-bit commands read, and the
 * host reads that byte back with HOB set in device control.
 */
final class TaskFile {
    private final int[] current = new int[Ata.LBA_HIGH + 1];
    private final int[] previous = new int[Ata.LBA_HIGH + 1];
    private int device;

    void write(int register, int value) {
        previous[register] = current[register];
        current[register] = value & 0xff;
    }

    int read(int register, boolean highOrder) {
        return highOrder ? previous[register] : current[register];
    }

    int device() {
        return device;
    }

    void setDevice(int value) {
        device = value & 0xff;
    }

    int features() {
        return current[Ata.ERROR_FEATURES];
    }

    int sectorCount() {
        return current[Ata.SECTOR_COUNT];
    }

    void setSectorCount(int value) {
        current[Ata.SECTOR_COUNT] = value & 0xff;
    }

    /** 28-bit command: the sector count, 0 meaning 256. */
    int count28() {
        return current[Ata.SECTOR_COUNT] == 0 ? 256 : current[Ata.SECTOR_COUNT];
    }

    /** 48-bit command: the sector count, 0 meaning 65536. */
    int count48() {
        int count = previous[Ata.SECTOR_COUNT] << 8 | current[Ata.SECTOR_COUNT];
        return count == 0 ? 65536 : count;
    }

    long lba28() {
        return (long) (device & 0x0f) << 24 | current[Ata.LBA_HIGH] << 16 | current[Ata.LBA_MID] << 8 | current[Ata.LBA_LOW];
    }

    long lba48() {
        return (long) previous[Ata.LBA_HIGH] << 40 | (long) previous[Ata.LBA_MID] << 32 | (long) previous[Ata.LBA_LOW] << 24
                | current[Ata.LBA_HIGH] << 16 | current[Ata.LBA_MID] << 8 | current[Ata.LBA_LOW];
    }

    int cylinder() {
        return current[Ata.LBA_HIGH] << 8 | current[Ata.LBA_MID];
    }

    int head() {
        return device & 0x0f;
    }

    int sector() {
        return current[Ata.LBA_LOW];
    }

    /** The ATA device signature a drive leaves after reset and diagnostics. */
    void loadAtaSignature() {
        for (int register = Ata.SECTOR_COUNT; register <= Ata.LBA_HIGH; register++) {
            previous[register] = 0;
            current[register] = 0;
        }
        current[Ata.SECTOR_COUNT] = 1;
        current[Ata.LBA_LOW] = 1;
        device = 0;
    }
}
