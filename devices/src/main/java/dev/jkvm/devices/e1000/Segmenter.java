package dev.jkvm.devices.e1000;

import dev.jkvm.devices.net.InternetChecksum;

/**
 * Transmit offloads applied to an assembled packet: checksum insertion (IP with IXSM, TCP/UDP with
 * TXSM, or the legacy descriptor's single checksum) and TCP segmentation.
 *
 * <p>Checksums are inserted as the hardware does: the one's complement sum over the range, including
 * whatever software left in the checksum field (zero for IP, the pseudo-header sum for TCP/UDP),
 * complemented. In segmentation the pseudo-header sum software provides leaves out the length, so
 * each segment's TCP/UDP length is added; each segment gets the header with IP total length (or IPv6
 * payload length), IP identification + n, TCP sequence number + payload offset and FIN/PSH only
 * on the last segment (UDP: its length).
 */
final class Segmenter {
    private static final int TCP_FIN = 0x01, TCP_PSH = 0x08;
    private static final int IPV6_HEADER = 40;

    @FunctionalInterface
    interface Output {
        void emit(byte[] frame, int length);
    }

    private Segmenter() {}

    /** Inserts the checksum of {@code packet[start..end]} ({@code end} 0: to the packet's end) at {@code at}. */
    static void insertChecksum(byte[] packet, int length, int start, int end, int at, long addend) {
        int last = end == 0 ? length - 1 : Math.min(end, length - 1);
        if (start > last || at + 2 > length) return; // a range outside the packet: nothing to insert
        long sum = InternetChecksum.add(addend, packet, start, last - start + 1);
        putShort(packet, at, InternetChecksum.finish(sum));
    }

    /** Checksum insertion for a packet sent whole, per the data descriptor's POPTS. */
    static void insertChecksums(byte[] packet, int length, OffloadContext context, boolean ip, boolean transport) {
        if (ip) insertChecksum(packet, length, context.ipStart(), context.ipEnd(), context.ipChecksumAt(), 0);
        if (transport) {
            insertChecksum(packet, length, context.transportStart(), context.transportEnd(),
                    context.transportChecksumAt(), 0);
        }
    }

    /** Whether the context's header offsets lie within its header, so segmentation can patch them. */
    static boolean canSegment(OffloadContext c, int length) {
        int header = c.headerLength();
        int transportFieldsEnd = c.transportStart() + (c.tcp() ? 14 : 8);
        int ipFieldsEnd = c.ipStart() + (c.ipv4() ? 20 : IPV6_HEADER);
        return c.mss() > 0 && header <= length && ipFieldsEnd <= header && transportFieldsEnd <= header
                && c.ipChecksumAt() + 2 <= header && c.transportChecksumAt() + 2 <= header;
    }

    /** Splits the packet's payload after its header into MSS-sized segments; call only when {@link #canSegment}. */
    static void segment(byte[] packet, int length, OffloadContext c, boolean ip, boolean transport, Output out) {
        int header = c.headerLength();
        int payload = length - header;
        int mss = c.mss();
        int offset = 0;
        int index = 0;
        do {
            int size = Math.min(mss, payload - offset);
            boolean last = offset + size >= payload;
            byte[] frame = new byte[header + size];
            System.arraycopy(packet, 0, frame, 0, header);
            System.arraycopy(packet, header + offset, frame, header, size);
            patchHeaders(frame, c, index, offset, last);
            if (ip) insertChecksum(frame, frame.length, c.ipStart(), c.ipEnd(), c.ipChecksumAt(), 0);
            if (transport) {
                long transportLength = frame.length - c.transportStart();
                insertChecksum(frame, frame.length, c.transportStart(), c.transportEnd(), c.transportChecksumAt(),
                        transportLength);
            }
            out.emit(frame, frame.length);
            offset += size;
            index++;
        } while (offset < payload);
    }

    private static void patchHeaders(byte[] frame, OffloadContext c, int index, int payloadOffset, boolean last) {
        int ip = c.ipStart();
        int transport = c.transportStart();
        if (c.ipv4()) {
            putShort(frame, ip + 2, frame.length - ip);
            putShort(frame, ip + 4, getShort(frame, ip + 4) + index);
        } else {
            putShort(frame, ip + 4, frame.length - ip - IPV6_HEADER);
        }
        if (c.tcp()) {
            putInt(frame, transport + 4, getInt(frame, transport + 4) + payloadOffset);
            if (!last) frame[transport + 13] &= (byte) ~(TCP_FIN | TCP_PSH);
        } else {
            putShort(frame, transport + 4, frame.length - transport);
        }
    }

    static int getShort(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    static void putShort(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    static int getInt(byte[] b, int at) {
        return getShort(b, at) << 16 | getShort(b, at + 2);
    }

    static void putInt(byte[] b, int at, int value) {
        putShort(b, at, value >>> 16);
        putShort(b, at + 2, value);
    }
}
