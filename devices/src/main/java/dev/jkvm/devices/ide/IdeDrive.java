package dev.jkvm.devices.ide;

import dev.jkvm.devices.block.BlockBackend;

/**
 * One ATA hard disk's settings that commands change: the READ/WRITE MULTIPLE block size, the
 * selected transfer modes, the write cache and the CHS translation. Guarded by its channel's lock.
 */
final class IdeDrive {
    /** The largest READ/WRITE MULTIPLE block, in sectors (IDENTIFY word 47). */
    static final int MAX_MULTIPLE = 16;
    static final int MAX_PIO_MODE = 4, MAX_MWDMA_MODE = 2, MAX_UDMA_MODE = 5;
    private static final int MODE_PIO_DEFAULT = 0x00, MODE_PIO_DEFAULT_NO_IORDY = 0x01, MODE_PIO = 0x08,
            MODE_MWDMA = 0x20, MODE_UDMA = 0x40;

    /** Default CHS translation, as BIOSes report disks over 504 MiB. */
    static final int DEFAULT_HEADS = 16, DEFAULT_SECTORS_PER_TRACK = 63, MAX_CYLINDERS = 16383;

    final BlockBackend backend;
    final boolean dmaCapable;
    final long sectors;

    /**
     * On at the maximum from power-on, as QEMU's drive and a PC BIOS leave it: Linux's libata never sends SET
     * MULTIPLE MODE and uses READ/WRITE MULTIPLE only when IDENTIFY word 59 shows a valid setting.
     */
    private int multipleSectors = MAX_MULTIPLE;
    private int pioMode = MAX_PIO_MODE;
    /** A MODE_MWDMA or MODE_UDMA code, or -1 when no DMA mode is selected. */
    private int dmaMode;
    private boolean writeCache = true;
    private int heads = DEFAULT_HEADS;
    private int sectorsPerTrack = DEFAULT_SECTORS_PER_TRACK;

    IdeDrive(BlockBackend backend, boolean dmaCapable) {
        this.backend = backend;
        this.dmaCapable = dmaCapable;
        this.sectors = backend.size() / BlockBackend.SECTOR;
        this.dmaMode = dmaCapable ? MODE_MWDMA | MAX_MWDMA_MODE : -1;
    }

    int multipleSectors() {
        return multipleSectors;
    }

    /** SET MULTIPLE MODE: 0 disables; otherwise a power of two up to the maximum. */
    boolean setMultipleSectors(int count) {
        if (count > MAX_MULTIPLE || Integer.bitCount(count) > 1) return false;
        multipleSectors = count;
        return true;
    }

    /** SET FEATURES set transfer mode, with the code from the sector count register. */
    boolean setTransferMode(int code) {
        int mode = code & 0x07;
        switch (code & 0xf8) {
            case MODE_PIO_DEFAULT -> {
                if (code != MODE_PIO_DEFAULT && code != MODE_PIO_DEFAULT_NO_IORDY) return false;
                pioMode = 0;
            }
            case MODE_PIO -> {
                if (mode > MAX_PIO_MODE) return false;
                pioMode = mode;
            }
            case MODE_MWDMA -> {
                if (!dmaCapable || mode > MAX_MWDMA_MODE) return false;
                dmaMode = code;
            }
            case MODE_UDMA -> {
                if (!dmaCapable || mode > MAX_UDMA_MODE) return false;
                dmaMode = code;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    int pioMode() {
        return pioMode;
    }

    /** The selected multiword DMA mode, or -1. */
    int selectedMwdmaMode() {
        return dmaMode >= 0 && (dmaMode & 0xf8) == MODE_MWDMA ? dmaMode & 0x07 : -1;
    }

    /** The selected Ultra DMA mode, or -1. */
    int selectedUdmaMode() {
        return dmaMode >= 0 && (dmaMode & 0xf8) == MODE_UDMA ? dmaMode & 0x07 : -1;
    }

    boolean writeCache() {
        return writeCache;
    }

    void setWriteCache(boolean enabled) {
        writeCache = enabled;
    }

    /** INITIALIZE DEVICE PARAMETERS: the CHS translation the host will use. */
    boolean setGeometry(int heads, int sectorsPerTrack) {
        if (sectorsPerTrack == 0) return false;
        this.heads = heads;
        this.sectorsPerTrack = sectorsPerTrack;
        return true;
    }

    int heads() {
        return heads;
    }

    int sectorsPerTrack() {
        return sectorsPerTrack;
    }

    int cylinders() {
        return (int) Math.min(MAX_CYLINDERS, sectors / ((long) heads * sectorsPerTrack));
    }

    /** The LBA of a CHS address under the current translation, or -1 if it addresses no sector. */
    long chsToLba(int cylinder, int head, int sector) {
        if (sector < 1 || sector > sectorsPerTrack || head >= heads || cylinder >= cylinders()) return -1;
        return ((long) cylinder * heads + head) * sectorsPerTrack + sector - 1;
    }
}
