package dev.jkvm.devices.virtio.net;

/**
 * struct virtio_net_hdr_v1, the 12 bytes before every frame in both directions (virtio 1.2, 5.1.6),
 * little-endian: flags, gso_type, hdr_len, gso_size, csum_start, csum_offset, num_buffers. A
 * transmitted header may ask for checksum completion (NEEDS_CSUM) and segmentation (gso_type); a
 * received one is all zero but for num_buffers, as no receive offloads are offered.
 */
record NetHeader(int flags, int gsoType, int hdrLen, int gsoSize, int csumStart, int csumOffset) {
    static final int SIZE = 12;
    static final int F_NEEDS_CSUM = 1;
    static final int GSO_NONE = 0, GSO_TCPV4 = 1, GSO_UDP = 3, GSO_TCPV6 = 4, GSO_ECN = 0x80;
    private static final int NUM_BUFFERS = 10;

    /** Decodes the first {@link #SIZE} bytes of {@code bytes}. */
    static NetHeader parse(byte[] bytes) {
        return new NetHeader(bytes[0] & 0xff, bytes[1] & 0xff, le16(bytes, 2), le16(bytes, 4), le16(bytes, 6),
                le16(bytes, 8));
    }

    /** The header for a received frame spread over {@code buffers} receive buffers. */
    static byte[] received(int buffers) {
        byte[] header = new byte[SIZE];
        header[NUM_BUFFERS] = (byte) buffers;
        header[NUM_BUFFERS + 1] = (byte) (buffers >>> 8);
        return header;
    }

    /** The bytes of a transmit header, as a driver writes them. */
    byte[] encode() {
        byte[] bytes = new byte[SIZE];
        bytes[0] = (byte) flags;
        bytes[1] = (byte) gsoType;
        putLe16(bytes, 2, hdrLen);
        putLe16(bytes, 4, gsoSize);
        putLe16(bytes, 6, csumStart);
        putLe16(bytes, 8, csumOffset);
        return bytes;
    }

    boolean needsChecksum() {
        return (flags & F_NEEDS_CSUM) != 0;
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static void putLe16(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
    }
}
