package dev.jkvm.devices.net;

/** The Internet checksum (RFC 1071): a 16-bit one's complement sum, accumulated and then folded. */
public final class InternetChecksum {
    private InternetChecksum() {}

    /** Adds big-endian 16-bit words of {@code data[offset, offset + length)} to {@code sum}; an odd last byte is padded with zero. */
    public static long add(long sum, byte[] data, int offset, int length) {
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        if (i < end) sum += (data[i] & 0xff) << 8;
        return sum;
    }

    /** Folds a sum to 16 bits (not complemented). */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) sum;
    }

    /** The checksum to store: the complement of the folded sum. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xffff;
    }

    public static int of(byte[] data, int offset, int length) {
        return finish(add(0, data, offset, length));
    }

    /** The IPv4 pseudo-header sum for a TCP or UDP checksum: addresses at {@code ipHeader + 12}, protocol and length. */
    public static long pseudoHeader(byte[] packet, int ipHeader, int protocol, int length) {
        return add(0, packet, ipHeader + 12, 8) + protocol + length;
    }
}
