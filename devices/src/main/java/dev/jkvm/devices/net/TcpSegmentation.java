package dev.jkvm.devices.net;

import static dev.jkvm.devices.net.BigEndian.getInt;
import static dev.jkvm.devices.net.BigEndian.getShort;
import static dev.jkvm.devices.net.BigEndian.putInt;
import static dev.jkvm.devices.net.BigEndian.putShort;

/**
 * Segmentation offload, device-neutral: a NIC (e1000 TSE, virtio-net HOST_TSO4/6) is handed one
 * packet with a header and up to 64 KiB of payload and puts on the wire frames of that header and
 * at most MSS payload bytes each. Every segment gets the header with IPv4 total length and
 * identification + n (IPv6: payload length), TCP sequence number + payload offset and FIN/PSH
 * only on the last segment (optionally CWR only on the first, as RFC 3168 and Linux's GSO want),
 * or for UDP its length. The checksums are the device's business: it fills them in per segment
 * through {@link Checksums}, by its own rules ({@link #recomputeChecksums} computes both anew).
 */
public final class TcpSegmentation {
    public static final int TCP_FIN = 0x01, TCP_PSH = 0x08, TCP_CWR = 0x80;
    public static final int IPV4_HEADER = 20, IPV6_HEADER = 40, TCP_HEADER = 20, UDP_HEADER = 8;
    public static final int PROTOCOL_TCP = 6, PROTOCOL_UDP = 17;
    /** Where the TCP and UDP checksums sit in their headers. */
    public static final int TCP_CHECKSUM = 16, UDP_CHECKSUM = 6;

    /**
     * Where a packet's headers lie.
     *
     * @param ipStart        offset of the IP header
     * @param ipv4           IPv4, else IPv6
     * @param transportStart offset of the TCP or UDP header
     * @param tcp            TCP, else UDP
     * @param headerLength   the bytes repeated in front of every segment, through the TCP/UDP header
     * @param mss            payload bytes per segment
     * @param cwrFirstOnly   clear TCP CWR in every segment after the first
     */
    public record Layout(int ipStart, boolean ipv4, int transportStart, boolean tcp, int headerLength, int mss,
                         boolean cwrFirstOnly) {
        /** Whether the fields segmentation patches lie inside the header, and the header inside {@code length} bytes. */
        public boolean fits(int length) {
            int ipFieldsEnd = ipStart + (ipv4 ? IPV4_HEADER : IPV6_HEADER);
            int transportFieldsEnd = transportStart + (tcp ? 14 : UDP_HEADER);
            return mss > 0 && ipStart >= 0 && transportStart >= 0 && headerLength <= length
                    && ipFieldsEnd <= headerLength && transportFieldsEnd <= headerLength;
        }
    }

    /** Fills in a finished segment's checksums; {@code index} counts segments from 0. */
    @FunctionalInterface
    public interface Checksums {
        void insert(byte[] segment, int index);
    }

    @FunctionalInterface
    public interface Output {
        void emit(byte[] frame, int length);
    }

    private TcpSegmentation() {}

    /**
     * Splits {@code packet[0, length)}'s payload after {@code layout.headerLength()} into segments and
     * emits them in order; a packet without payload goes out as one segment. Call only when
     * {@link Layout#fits}.
     *
     * @return the number of segments emitted
     */
    public static int segment(byte[] packet, int length, Layout layout, Checksums checksums, Output out) {
        int header = layout.headerLength();
        int payload = length - header;
        int mss = layout.mss();
        int offset = 0;
        int index = 0;
        do {
            int size = Math.min(mss, payload - offset);
            boolean last = offset + size >= payload;
            byte[] frame = new byte[header + size];
            System.arraycopy(packet, 0, frame, 0, header);
            System.arraycopy(packet, header + offset, frame, header, size);
            patchHeaders(frame, layout, index, offset, last);
            checksums.insert(frame, index);
            out.emit(frame, frame.length);
            offset += size;
            index++;
        } while (offset < payload);
        return index;
    }

    private static void patchHeaders(byte[] frame, Layout layout, int index, int payloadOffset, boolean last) {
        int ip = layout.ipStart();
        int transport = layout.transportStart();
        if (layout.ipv4()) {
            putShort(frame, ip + 2, frame.length - ip);
            putShort(frame, ip + 4, getShort(frame, ip + 4) + index);
        } else {
            putShort(frame, ip + 4, frame.length - ip - IPV6_HEADER);
        }
        if (layout.tcp()) {
            putInt(frame, transport + 4, getInt(frame, transport + 4) + payloadOffset);
            if (!last) frame[transport + 13] &= (byte) ~(TCP_FIN | TCP_PSH);
            if (index > 0 && layout.cwrFirstOnly()) frame[transport + 13] &= (byte) ~TCP_CWR;
        } else {
            putShort(frame, transport + 4, frame.length - transport);
        }
    }

    /**
     * Computes a segment's checksums from scratch, ignoring what the fields held: the IPv4 header
     * checksum, and the TCP/UDP checksum over the pseudo-header (from the IP header's addresses), the
     * transport header and the payload. A UDP checksum of 0 goes out as 0xffff. The layout must
     * {@link Layout#fits} the segment with room for the checksum field, and an IPv6 packet's
     * destination must be its final one (no routing header still to be processed).
     */
    public static void recomputeChecksums(byte[] segment, Layout layout) {
        int ip = layout.ipStart();
        int transport = layout.transportStart();
        if (layout.ipv4()) InternetChecksum.putIpv4HeaderChecksum(segment, ip);
        int protocol = layout.tcp() ? PROTOCOL_TCP : PROTOCOL_UDP;
        int at = transport + (layout.tcp() ? TCP_CHECKSUM : UDP_CHECKSUM);
        int transportLength = segment.length - transport;
        long pseudo = layout.ipv4()
                ? InternetChecksum.pseudoHeader(segment, ip, protocol, transportLength)
                : InternetChecksum.pseudoHeaderV6(segment, ip, protocol, transportLength);
        putShort(segment, at, 0);
        int checksum = InternetChecksum.finish(InternetChecksum.add(pseudo, segment, transport, transportLength));
        putShort(segment, at, checksum == 0 && !layout.tcp() ? 0xffff : checksum);
    }
}
