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

    /** The IPv6 pseudo-header sum for an upper-layer checksum: addresses at {@code ipHeader + 8}, length and next header. */
    public static long pseudoHeaderV6(byte[] packet, int ipHeader, int protocol, int length) {
        return add(0, packet, ipHeader + 8, 32) + protocol + length;
    }

    /**
     * Checksum insertion as offload hardware does it: the complemented sum of {@code addend} and
     * {@code packet[start, end)}, including whatever the field at {@code at} holds then (software
     * leaves zero or a pseudo-header sum there), stored big-endian at {@code at}.
     *
     * @return false, with nothing written, if the range or the field is not inside {@code packet[0, end)} /
     *         {@code packet}
     */
    public static boolean insert(byte[] packet, int start, int end, int at, long addend) {
        if (start < 0 || start >= end || end > packet.length || at < 0 || at + 2 > packet.length) return false;
        BigEndian.putShort(packet, at, finish(add(addend, packet, start, end - start)));
        return true;
    }

    /** Recomputes an IPv4 header's checksum (header length from IHL), which the caller has checked lies within the frame. */
    public static void putIpv4HeaderChecksum(byte[] frame, int ipHeader) {
        int length = (frame[ipHeader] & 0x0f) * 4;
        BigEndian.putShort(frame, ipHeader + 10, 0);
        BigEndian.putShort(frame, ipHeader + 10, of(frame, ipHeader, length));
    }
}
