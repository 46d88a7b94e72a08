package dev.jkvm.devices.virtio.net;

import dev.jkvm.devices.net.BigEndian;
import dev.jkvm.devices.net.InternetChecksum;
import dev.jkvm.devices.net.TcpSegmentation;
import dev.jkvm.devices.virtio.VirtioFeatures;

/**
 * What a transmitted virtio_net_hdr asks for (virtio 1.2, 5.1.6.2), done before the frame goes to
 * the backend, which only ever sees ordinary Ethernet frames.
 *
 * <ul>
 * <li>NEEDS_CSUM without segmentation (F_CSUM): the one's complement sum from csum_start to the end
 *     of the frame, including the pseudo-header sum the driver left in the field, is stored at
 *     csum_start + csum_offset (0 goes out as 0xffff, as Linux's skb_checksum_help does).</li>
 * <li>gso_type TCPV4 (F_HOST_TSO4) or TCPV6 (F_HOST_TSO6), optionally with the ECN bit
 *     (F_HOST_ECN): the headers are parsed from the frame itself (Ethernet with up to two VLAN tags,
 *     IPv4 or IPv6 with hop-by-hop, destination options and exhausted routing headers, TCP), and
 *     the payload is cut into gso_size segments by {@link TcpSegmentation}, with CWR kept only on
 *     the first segment and both checksums computed anew. hdr_len is only a hint (Linux puts the
 *     skb's linear length there), so it is only checked to lie inside the frame.</li>
 * </ul>
 *
 * A header asking for something not negotiated, or that does not fit the frame, drops the frame.
 */
final class TransmitOffload {
    private static final int ETHERNET_HEADER = 14;
    private static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86dd, ETHERTYPE_VLAN = 0x8100,
            ETHERTYPE_QINQ = 0x88a8;
    private static final int MAX_VLAN_TAGS = 2;
    private static final int IPV6_HOP_BY_HOP = 0, IPV6_ROUTING = 43, IPV6_DESTINATION_OPTIONS = 60;

    private TransmitOffload() {}

    /** @return false if the frame was dropped for a header that is malformed or asks for what was not negotiated */
    static boolean transmit(NetHeader header, byte[] frame, long features, TcpSegmentation.Output out) {
        int gso = header.gsoType() & ~NetHeader.GSO_ECN;
        boolean ecn = (header.gsoType() & NetHeader.GSO_ECN) != 0;
        if (header.needsChecksum() && !VirtioFeatures.has(features, VirtioNet.F_CSUM)) return false;
        if (gso == NetHeader.GSO_NONE) {
            if (ecn) return false;
            if (header.needsChecksum() && !completeChecksum(frame, header.csumStart(), header.csumOffset())) return false;
            out.emit(frame, frame.length);
            return true;
        }
        boolean ipv4;
        if (gso == NetHeader.GSO_TCPV4 && VirtioFeatures.has(features, VirtioNet.F_HOST_TSO4)) {
            ipv4 = true;
        } else if (gso == NetHeader.GSO_TCPV6 && VirtioFeatures.has(features, VirtioNet.F_HOST_TSO6)) {
            ipv4 = false;
        } else {
            return false; // UFO, unknown types, or a type not negotiated
        }
        if (ecn && !VirtioFeatures.has(features, VirtioNet.F_HOST_ECN)) return false;
        if (header.gsoSize() == 0 || header.hdrLen() > frame.length) return false;
        TcpSegmentation.Layout layout = tcpLayout(frame, ipv4, header.gsoSize());
        if (layout == null) return false;
        if (header.needsChecksum() && (header.csumStart() != layout.transportStart()
                || header.csumOffset() != TcpSegmentation.TCP_CHECKSUM)) {
            return false;
        }
        TcpSegmentation.segment(frame, frame.length, layout,
                (segment, index) -> TcpSegmentation.recomputeChecksums(segment, layout), out);
        return true;
    }

    /** Completes a partial checksum; false if the range or the field lies outside the frame. */
    static boolean completeChecksum(byte[] frame, int start, int offset) {
        int at = start + offset;
        if (!InternetChecksum.insert(frame, start, frame.length, at, 0)) return false;
        if (BigEndian.getShort(frame, at) == 0) BigEndian.putShort(frame, at, 0xffff);
        return true;
    }

    /** The layout of a TCP packet over IPv4 or IPv6 in an Ethernet frame, or null if the frame is not one. */
    static TcpSegmentation.Layout tcpLayout(byte[] frame, boolean ipv4, int mss) {
        int length = frame.length;
        int ip = ETHERNET_HEADER;
        if (length < ip) return null;
        int etherType = BigEndian.getShort(frame, 12);
        for (int tags = 0; (etherType == ETHERTYPE_VLAN || etherType == ETHERTYPE_QINQ) && tags < MAX_VLAN_TAGS; tags++) {
            if (length < ip + 4) return null;
            etherType = BigEndian.getShort(frame, ip + 2);
            ip += 4;
        }
        int transport = ipv4 ? ipv4Transport(frame, ip, etherType) : ipv6Transport(frame, ip, etherType);
        if (transport < 0 || transport + TcpSegmentation.TCP_HEADER > length) return null;
        int tcpHeader = ((frame[transport + 12] & 0xf0) >>> 4) * 4;
        int headerLength = transport + tcpHeader;
        if (tcpHeader < TcpSegmentation.TCP_HEADER || headerLength > length) return null;
        TcpSegmentation.Layout layout = new TcpSegmentation.Layout(ip, ipv4, transport, true, headerLength, mss, true);
        return layout.fits(length) ? layout : null;
    }

    /** Where the TCP header of an unfragmented IPv4 packet starts, or -1. */
    private static int ipv4Transport(byte[] frame, int ip, int etherType) {
        if (etherType != ETHERTYPE_IPV4 || frame.length < ip + TcpSegmentation.IPV4_HEADER) return -1;
        int headerLength = (frame[ip] & 0x0f) * 4;
        if ((frame[ip] & 0xf0) != 0x40 || headerLength < TcpSegmentation.IPV4_HEADER) return -1;
        if ((frame[ip + 9] & 0xff) != TcpSegmentation.PROTOCOL_TCP) return -1;
        if ((BigEndian.getShort(frame, ip + 6) & 0x3fff) != 0) return -1; // a fragment cannot be segmented
        return ip + headerLength;
    }

    /**
     * Where the TCP header of an IPv6 packet starts, past hop-by-hop, destination options and routing
     * headers, or -1. A routing header with segments left would put the final destination, which the
     * TCP pseudo-header needs, elsewhere than in the IPv6 header: such packets are refused.
     */
    private static int ipv6Transport(byte[] frame, int ip, int etherType) {
        int length = frame.length;
        if (etherType != ETHERTYPE_IPV6 || length < ip + TcpSegmentation.IPV6_HEADER || (frame[ip] & 0xf0) != 0x60) {
            return -1;
        }
        int next = frame[ip + 6] & 0xff;
        int at = ip + TcpSegmentation.IPV6_HEADER;
        while (next == IPV6_HOP_BY_HOP || next == IPV6_DESTINATION_OPTIONS || next == IPV6_ROUTING) {
            if (at + 8 > length) return -1;
            if (next == IPV6_ROUTING && frame[at + 3] != 0) return -1;
            next = frame[at] & 0xff;
            at += ((frame[at + 1] & 0xff) + 1) * 8;
        }
        return next == TcpSegmentation.PROTOCOL_TCP ? at : -1;
    }
}
