package dev.jkvm.devices.e1000;

/**
 * The statistics registers at 0x4000-0x40ff. Each clears when read. The 32-bit counters stick at
 * their maximum; the octet counters are 64 bits wide as a low/high register pair, and reading a half
 * clears that half, so reading low then high yields a consistent value. Counters the model has no
 * events for (collisions, CRC errors, flow control...) read zero.
 */
final class Statistics {
    /** PRC64 and PTC64 each start six size-bucket counters, see {@link #sizeBucket}. */
    static final int MPC = 0x4010, PRC64 = 0x405c, GPRC = 0x4074, BPRC = 0x4078, MPRC = 0x407c, GPTC = 0x4080,
            GORCL = 0x4088, GORCH = 0x408c, GOTCL = 0x4090, GOTCH = 0x4094, RNBC = 0x40a0, ROC = 0x40ac,
            TORL = 0x40c0, TORH = 0x40c4, TOTL = 0x40c8, TOTH = 0x40cc, TPR = 0x40d0, TPT = 0x40d4, PTC64 = 0x40d8,
            MPTC = 0x40f0, BPTC = 0x40f4, TSCTC = 0x40f8, TSCTFC = 0x40fc;
    private static final long MAX_32 = 0xffffffffL;
    private static final long LOW_HALF = 0xffffffffL, HIGH_HALF = ~LOW_HALF;

    private final long[] counters = new long[(Registers.STATISTICS_LAST - Registers.STATISTICS_FIRST) / 4 + 1];

    private static int index(int offset) {
        return (offset - Registers.STATISTICS_FIRST) / 4;
    }

    private static boolean isHighHalf(int offset) {
        return offset == GORCH || offset == GOTCH || offset == TORH || offset == TOTH;
    }

    private static boolean isLowHalf(int offset) {
        return offset == GORCL || offset == GOTCL || offset == TORL || offset == TOTL;
    }

    void count(int offset) {
        add(offset, 1);
    }

    void add(int offset, long amount) {
        int i = index(offset);
        counters[i] = isLowHalf(offset) ? counters[i] + amount : Math.min(MAX_32, counters[i] + amount);
    }

    int read(int offset) {
        if (isHighHalf(offset)) {
            int low = index(offset - 4);
            long value = counters[low];
            counters[low] = value & LOW_HALF;
            return (int) (value >>> 32);
        }
        int i = index(offset);
        long value = counters[i];
        counters[i] = isLowHalf(offset) ? value & HIGH_HALF : 0;
        return (int) value;
    }

    void reset() {
        java.util.Arrays.fill(counters, 0);
    }

    /** Counts a good frame received (length includes the FCS) by size bucket and address class. */
    void countReceived(byte[] frame, int length) {
        count(GPRC);
        count(TPR);
        add(GORCL, length);
        add(TORL, length);
        count(sizeBucket(PRC64, length));
        if (isBroadcast(frame, 0)) count(BPRC);
        else if ((frame[0] & 1) != 0) count(MPRC);
    }

    /** Counts a frame transmitted (length includes the FCS). */
    void countTransmitted(byte[] frame, int offset, int length) {
        count(GPTC);
        count(TPT);
        add(GOTCL, length);
        add(TOTL, length);
        count(sizeBucket(PTC64, length));
        if (isBroadcast(frame, offset)) count(BPTC);
        else if ((frame[offset] & 1) != 0) count(MPTC);
    }

    /** The 64, 65-127, 128-255, 256-511, 512-1023 and 1024-1522 byte buckets follow each other. */
    private static int sizeBucket(int first, int length) {
        if (length <= 64) return first;
        if (length <= 127) return first + 4;
        if (length <= 255) return first + 8;
        if (length <= 511) return first + 12;
        if (length <= 1023) return first + 16;
        return first + 20;
    }

    private static boolean isBroadcast(byte[] frame, int offset) {
        for (int i = 0; i < 6; i++) if (frame[offset + i] != (byte) 0xff) return false;
        return true;
    }
}
