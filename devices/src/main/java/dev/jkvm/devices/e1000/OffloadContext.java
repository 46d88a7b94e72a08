package dev.jkvm.devices.e1000;

/**
 * A TCP/IP context descriptor: where the IP and TCP/UDP checksums start, sit and end, and for TCP
 * segmentation the header length, MSS and what the headers are. It applies to the data descriptors
 * that follow until the next context descriptor.
 *
 * @param ipEnd       last byte of the IP checksum range, 0 for "to the end of the packet"
 * @param transportEnd last byte of the TCP/UDP checksum range, 0 for "to the end of the packet"
 */
record OffloadContext(int ipStart, int ipChecksumAt, int ipEnd, int transportStart, int transportChecksumAt,
                      int transportEnd, int command, int headerLength, int mss) {
    static final int TUCMD_TCP = 0x01, TUCMD_IP = 0x02, TUCMD_TSE = 0x04;

    /** Decodes the descriptor's four dwords: IP fields, TCP/UDP fields, command and length, segmentation setup. */
    static OffloadContext decode(int ipFields, int transportFields, int commandAndLength, int segmentation) {
        return new OffloadContext(ipFields & 0xff, (ipFields >>> 8) & 0xff, ipFields >>> 16,
                transportFields & 0xff, (transportFields >>> 8) & 0xff, transportFields >>> 16,
                commandAndLength >>> 24, (segmentation >>> 8) & 0xff, segmentation >>> 16);
    }

    boolean tcp() {
        return (command & TUCMD_TCP) != 0;
    }

    boolean ipv4() {
        return (command & TUCMD_IP) != 0;
    }

    boolean segmentation() {
        return (command & TUCMD_TSE) != 0;
    }
}
