package dev.jkvm.devices.ide;

import java.nio.charset.StandardCharsets;

/**
 * The 256-word IDENTIFY DEVICE response of an ATA hard disk (ACS word numbering). A drive without
 * DMA clears the DMA capability bit and reports no multiword or Ultra DMA modes, so the host's
 * driver (Linux libata intersects these with the controller's modes) transfers by PIO.
 */
final class IdentifyData {
    static final String MODEL = "JKVM HARDDISK";
    static final String FIRMWARE = "1.0";
    private static final int MAX_LBA28 = 0x0fffffff;

    private IdentifyData() {}

    static byte[] of(IdeDrive drive) {
        int[] w = new int[256];
        long lba28 = Math.min(drive.sectors, MAX_LBA28);
        int defaultCylinders = (int) Math.min(IdeDrive.MAX_CYLINDERS,
                drive.sectors / (IdeDrive.DEFAULT_HEADS * IdeDrive.DEFAULT_SECTORS_PER_TRACK));
        w[0] = 0x0040;                                  // fixed disk, ATA
        w[1] = defaultCylinders;
        w[3] = IdeDrive.DEFAULT_HEADS;
        w[6] = IdeDrive.DEFAULT_SECTORS_PER_TRACK;
        putString(w, 10, 20, drive.backend.serial());
        putString(w, 23, 8, FIRMWARE);
        putString(w, 27, 40, MODEL);
        w[47] = 0x8000 | IdeDrive.MAX_MULTIPLE;
        w[49] = 1 << 9 | 1 << 11 | (drive.dmaCapable ? 1 << 8 : 0);   // LBA, IORDY, DMA
        w[50] = 0x4000;
        w[51] = 0x0200;                                 // PIO mode 2 timing (obsolete field)
        w[53] = 0x0001 | 0x0002 | 0x0004;               // words 54-58, 64-70 and 88 are valid
        long currentCapacity = (long) drive.cylinders() * drive.heads() * drive.sectorsPerTrack();
        w[54] = drive.cylinders();
        w[55] = drive.heads();
        w[56] = drive.sectorsPerTrack();
        w[57] = (int) (currentCapacity & 0xffff);
        w[58] = (int) (currentCapacity >>> 16);
        w[59] = drive.multipleSectors() == 0 ? 0 : 0x0100 | drive.multipleSectors();
        w[60] = (int) (lba28 & 0xffff);
        w[61] = (int) (lba28 >>> 16);
        if (drive.dmaCapable) {
            w[63] = (1 << (IdeDrive.MAX_MWDMA_MODE + 1)) - 1 | selectedBit(drive.selectedMwdmaMode());
            w[88] = (1 << (IdeDrive.MAX_UDMA_MODE + 1)) - 1 | selectedBit(drive.selectedUdmaMode());
        }
        w[64] = 0x0003;                                 // PIO modes 3 and 4
        w[65] = 120;                                    // cycle times in ns: MWDMA minimum and recommended,
        w[66] = 120;                                    // PIO without and with IORDY
        w[67] = 120;
        w[68] = 120;
        w[80] = 0x00f0;                                 // ATA/ATAPI-4 to -7
        w[82] = 1 << 3 | 1 << 5 | 1 << 6;               // power management, write cache, look-ahead
        w[83] = 0x4000 | 1 << 10 | 1 << 12 | 1 << 13;   // LBA48, FLUSH CACHE, FLUSH CACHE EXT
        w[84] = 0x4000;
        w[85] = 1 << 3 | (drive.writeCache() ? 1 << 5 : 0) | 1 << 6;
        w[86] = 1 << 10 | 1 << 12 | 1 << 13;
        w[87] = 0x4000;
        w[93] = 0x4000 | 0x0001;                        // hardware reset result, no cable detection
        w[100] = (int) (drive.sectors & 0xffff);
        w[101] = (int) (drive.sectors >>> 16 & 0xffff);
        w[102] = (int) (drive.sectors >>> 32 & 0xffff);
        w[103] = (int) (drive.sectors >>> 48 & 0xffff);
        w[106] = 0x4000;                                // one 512-byte logical sector per physical sector

        byte[] bytes = new byte[512];
        for (int i = 0; i < 255; i++) {
            bytes[2 * i] = (byte) w[i];
            bytes[2 * i + 1] = (byte) (w[i] >>> 8);
        }
        // Word 255: signature 0xa5 and a checksum that makes all 512 bytes sum to zero.
        bytes[510] = (byte) 0xa5;
        int sum = 0;
        for (int i = 0; i < 511; i++) sum += bytes[i];
        bytes[511] = (byte) -sum;
        return bytes;
    }

    private static int selectedBit(int mode) {
        return mode < 0 ? 0 : 0x100 << mode;
    }

    /** ATA strings hold two characters per word, the first in the high byte, padded with spaces. */
    private static void putString(int[] words, int first, int length, String text) {
        byte[] chars = new byte[length];
        java.util.Arrays.fill(chars, (byte) ' ');
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, chars, 0, Math.min(length, ascii.length));
        for (int i = 0; i < length / 2; i++) {
            words[first + i] = (chars[2 * i] & 0xff) << 8 | chars[2 * i + 1] & 0xff;
        }
    }
}
