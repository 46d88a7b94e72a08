package dev.jkvm.devices.e1000;

import dev.jkvm.devices.net.BigEndian;
import dev.jkvm.devices.net.InternetChecksum;

/**
 * Receive checksum offload (RXCSUM): the descriptor's packet checksum from PCSS on, and with IPOFLD or
 * TUOFLD the verdict on an IPv4 header checksum and a TCP/UDP checksum (status IPCS/TCPCS, errors
 * IPE/TCPE). Frames it cannot check (not IPv4, fragments, offload off) get IXSM: "ignore the
 * checksum indication", so the guest checks them itself.
 */
final class ReceiveChecksum {
    static final int RXCSUM_PCSS_MASK = 0xff, RXCSUM_IPOFLD = 1 << 8, RXCSUM_TUOFLD = 1 << 9;
    static final int STATUS_IXSM = 0x04, STATUS_TCPCS = 0x20, STATUS_IPCS = 0x40;
    static final int ERROR_TCPE = 0x20, ERROR_IPE = 0x40;
    private static final int ETHERTYPE_IPV4 = 0x0800, ETHERNET_HEADER = 14;
    private static final int PROTOCOL_TCP = 6, PROTOCOL_UDP = 17;

    private ReceiveChecksum() {}

    /** The 16-bit packet checksum field: the folded sum from PCSS to the end of the frame's data. */
    static int packetChecksum(byte[] frame, int length, int rxcsum) {
        int start = rxcsum & RXCSUM_PCSS_MASK;
        return start >= length ? 0 : InternetChecksum.fold(InternetChecksum.add(0, frame, start, length - start));
    }

    /** Status bits in the low byte, error bits in the next, for an untagged frame of {@code length} data bytes. */
    static int verdict(byte[] frame, int length, int rxcsum) {
        boolean ipOffload = (rxcsum & RXCSUM_IPOFLD) != 0;
        boolean transportOffload = (rxcsum & RXCSUM_TUOFLD) != 0;
        if ((!ipOffload && !transportOffload) || length < ETHERNET_HEADER + 20
                || BigEndian.getShort(frame, 12) != ETHERTYPE_IPV4 || (frame[ETHERNET_HEADER] & 0xf0) != 0x40) {
            return STATUS_IXSM;
        }
        int ip = ETHERNET_HEADER;
        int headerLength = (frame[ip] & 0x0f) * 4;
        int totalLength = BigEndian.getShort(frame, ip + 2);
        if (headerLength < 20 || totalLength < headerLength || ip + totalLength > length) return STATUS_IXSM;
        int status = 0, errors = 0;
        if (ipOffload) {
            status |= STATUS_IPCS;
            if (InternetChecksum.of(frame, ip, headerLength) != 0) errors |= ERROR_IPE;
        }
        boolean fragment = (BigEndian.getShort(frame, ip + 6) & 0x3fff) != 0;
        int protocol = frame[ip + 9] & 0xff;
        if (transportOffload && !fragment && (protocol == PROTOCOL_TCP || protocol == PROTOCOL_UDP)) {
            status |= STATUS_TCPCS;
            if (!transportChecksumGood(frame, ip, headerLength, totalLength, protocol)) errors |= ERROR_TCPE;
        }
        if (status == 0) status = STATUS_IXSM;
        return status | errors << 8;
    }

    private static boolean transportChecksumGood(byte[] frame, int ip, int headerLength, int totalLength, int protocol) {
        int transport = ip + headerLength;
        int length = totalLength - headerLength;
        if (protocol == PROTOCOL_UDP && length >= 8 && BigEndian.getShort(frame, transport + 6) == 0) return true;
        long sum = InternetChecksum.pseudoHeader(frame, ip, protocol, length);
        return InternetChecksum.finish(InternetChecksum.add(sum, frame, transport, length)) == 0;
    }
}
