package dev.jkvm.devices.net;

import static dev.jkvm.devices.net.BigEndian.putInt;
import static dev.jkvm.devices.net.BigEndian.putShort;

/**
 * Ethernet/IPv4 header construction for the user network's frames; fields are read and written with
 * {@link BigEndian}.
 */
final class Packets {
    static final int ETHERNET_HEADER = 14, IPV4_HEADER = 20, TCP_HEADER = 20, UDP_HEADER = 8;
    static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_ARP = 0x0806;
    static final int PROTOCOL_ICMP = 1, PROTOCOL_TCP = 6, PROTOCOL_UDP = 17;
    private static final int DEFAULT_TTL = 64;

    private Packets() {}

    static void putEthernet(byte[] frame, byte[] destination, byte[] source, int etherType) {
        System.arraycopy(destination, 0, frame, 0, 6);
        System.arraycopy(source, 0, frame, 6, 6);
        putShort(frame, 12, etherType);
    }

    /**
     * A frame with Ethernet and IPv4 headers (checksummed, no options, don't-fragment) for a payload
     * of {@code payloadLength} bytes, which the caller writes at {@link #ETHERNET_HEADER} + {@link #IPV4_HEADER}.
     */
    static byte[] ipv4Frame(byte[] destinationMac, byte[] sourceMac, int sourceIp, int destinationIp, int protocol,
                            int payloadLength, int identification) {
        byte[] frame = new byte[ETHERNET_HEADER + IPV4_HEADER + payloadLength];
        putEthernet(frame, destinationMac, sourceMac, ETHERTYPE_IPV4);
        int ip = ETHERNET_HEADER;
        frame[ip] = 0x45;
        putShort(frame, ip + 2, IPV4_HEADER + payloadLength);
        putShort(frame, ip + 4, identification);
        putShort(frame, ip + 6, 0x4000);
        frame[ip + 8] = DEFAULT_TTL;
        frame[ip + 9] = (byte) protocol;
        putInt(frame, ip + 12, sourceIp);
        putInt(frame, ip + 16, destinationIp);
        putShort(frame, ip + 10, InternetChecksum.of(frame, ip, IPV4_HEADER));
        return frame;
    }

    /** Fills in a TCP or UDP checksum of an {@link #ipv4Frame} whose checksum field sits at {@code at}. */
    static void putTransportChecksum(byte[] frame, int protocol, int at) {
        int transport = ETHERNET_HEADER + IPV4_HEADER;
        int length = frame.length - transport;
        long sum = InternetChecksum.pseudoHeader(frame, ETHERNET_HEADER, protocol, length);
        putShort(frame, at, 0);
        putShort(frame, at, InternetChecksum.finish(InternetChecksum.add(sum, frame, transport, length)));
    }

    static int ipv4(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }
}
