package dev.jkvm.devices.net;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.jkvm.devices.net.BigEndian.*;
import static dev.jkvm.devices.net.Packets.*;

/** The guest end of a user network in tests: builds frames from 10.0.2.15 and collects the peer's replies. */
final class GuestSide implements AutoCloseable {
    static final byte[] GUEST_MAC = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

    final UserNetwork network = new UserNetwork();
    final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private int ipId;

    GuestSide() {
        network.attach((frame, offset, length) -> received.add(java.util.Arrays.copyOfRange(frame, offset, offset + length)));
    }

    void send(byte[] frame) {
        network.send(frame, 0, frame.length);
    }

    byte[] next() {
        try {
            byte[] frame = received.poll(5, TimeUnit.SECONDS);
            if (frame == null) throw new AssertionError("no frame from the peer within 5 s");
            return frame;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    byte[] nextOrNull(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    byte[] ipv4(int protocol, int payloadLength) {
        return ipv4Frame(UserNetwork.PEER_MAC, GUEST_MAC, UserNetwork.GUEST_IP, UserNetwork.PEER_IP, protocol,
                payloadLength, ipId++);
    }

    /** A TCP segment from the guest; options only carry MSS on SYN. */
    byte[] tcp(int sourcePort, int destinationPort, int flags, int sequence, int acknowledgement, byte[] data, int offset,
               int length) {
        boolean syn = (flags & TcpConnection.SYN) != 0;
        int header = TCP_HEADER + (syn ? 4 : 0);
        byte[] frame = ipv4(PROTOCOL_TCP, header + length);
        int tcp = ETHERNET_HEADER + IPV4_HEADER;
        putShort(frame, tcp, sourcePort);
        putShort(frame, tcp + 2, destinationPort);
        putInt(frame, tcp + 4, sequence);
        putInt(frame, tcp + 8, acknowledgement);
        frame[tcp + 12] = (byte) (header << 2);
        frame[tcp + 13] = (byte) flags;
        putShort(frame, tcp + 14, 65535);
        if (syn) {
            frame[tcp + 20] = 2;
            frame[tcp + 21] = 4;
            putShort(frame, tcp + 22, 1460);
        }
        if (length > 0) System.arraycopy(data, offset, frame, tcp + header, length);
        putTransportChecksum(frame, PROTOCOL_TCP, tcp + 16);
        return frame;
    }

    static boolean transportChecksumValid(byte[] frame, int protocol) {
        int ip = ETHERNET_HEADER;
        int length = getShort(frame, ip + 2) - IPV4_HEADER;
        long sum = InternetChecksum.pseudoHeader(frame, ip, protocol, length);
        return InternetChecksum.finish(InternetChecksum.add(sum, frame, ip + IPV4_HEADER, length)) == 0;
    }

    @Override
    public void close() {
        network.close();
    }
}
