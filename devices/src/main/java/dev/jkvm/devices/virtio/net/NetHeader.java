package dev.jkvm.devices.virtio.net;

/**
 * struct virtio_net_hdr_v1, the 12 bytes before every frame in both directions (virtio 1.2, 5.1.6):
 * flags, gso_type, hdr_len, gso_size, csum_start, csum_offset, num_buffers. Without checksum or
 * segmentation offloads a transmitted header asks for nothing, and a received one is all zero but
 * for num_buffers.
 */
final class NetHeader {
    static final int SIZE = 12;
    private static final int NUM_BUFFERS = 10;

    private NetHeader() {}

    /** The header for a received frame spread over {@code buffers} receive buffers. */
    static byte[] received(int buffers) {
        byte[] header = new byte[SIZE];
        header[NUM_BUFFERS] = (byte) buffers;
        header[NUM_BUFFERS + 1] = (byte) (buffers >>> 8);
        return header;
    }
}
