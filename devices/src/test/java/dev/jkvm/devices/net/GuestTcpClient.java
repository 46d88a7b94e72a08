package dev.jkvm.devices.net;

import java.io.ByteArrayOutputStream;

import static dev.jkvm.devices.net.BigEndian.*;
import static dev.jkvm.devices.net.Packets.*;
import static dev.jkvm.devices.net.TcpConnection.ACK;
import static dev.jkvm.devices.net.TcpConnection.FIN;
import static dev.jkvm.devices.net.TcpConnection.PSH;
import static dev.jkvm.devices.net.TcpConnection.RST;
import static dev.jkvm.devices.net.TcpConnection.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A minimal, strict TCP client standing in for the guest's stack: in-order data, window respected. */
final class GuestTcpClient {
    private static final int TCP = ETHERNET_HEADER + IPV4_HEADER;

    private final GuestSide guest;
    private final int port;
    private final int peerPort;
    private int sendNext = 1000;
    private int sendUnacknowledged;
    private int receiveNext;
    private int peerWindow;
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    boolean peerClosed;

    GuestTcpClient(GuestSide guest, int port, int peerPort) {
        this.guest = guest;
        this.port = port;
        this.peerPort = peerPort;
    }

    void connect() {
        guest.send(segment(SYN, null, 0, 0));
        sendNext++;
        byte[] synAck = guest.next();
        assertEquals(SYN | ACK, flags(synAck));
        assertEquals(sendNext, getInt(synAck, TCP + 8));
        assertEquals(1460, getShort(synAck, TCP + 22), "MSS option");
        receiveNext = getInt(synAck, TCP + 4) + 1;
        sendUnacknowledged = sendNext;
        peerWindow = getShort(synAck, TCP + 14);
        guest.send(segment(ACK, null, 0, 0));
    }

    /** Sends all of {@code data} in MSS-sized segments within the peer's window. */
    void send(byte[] data) {
        int done = 0;
        while (done < data.length) {
            while (done < data.length && sendNext - sendUnacknowledged < peerWindow) {
                int n = Math.min(1460, Math.min(data.length - done, peerWindow - (sendNext - sendUnacknowledged)));
                guest.send(segment(ACK | PSH, data, done, n));
                sendNext += n;
                done += n;
            }
            handle(guest.next());
        }
        while (sendUnacknowledged != sendNext) handle(guest.next());
    }

    void sendFin() {
        guest.send(segment(FIN | ACK, null, 0, 0));
        sendNext++;
    }

    /** Reads (acknowledging every segment) until the peer's FIN has arrived and ours is acknowledged. */
    void readUntilClosed() {
        while (!peerClosed || sendUnacknowledged != sendNext) handle(guest.next());
    }

    private void handle(byte[] frame) {
        assertTrue(GuestSide.transportChecksumValid(frame, PROTOCOL_TCP), "peer's TCP checksum");
        int flags = flags(frame);
        assertEquals(0, flags & RST, "unexpected reset");
        int ack = getInt(frame, TCP + 8);
        if (ack - sendUnacknowledged > 0) sendUnacknowledged = ack;
        peerWindow = getShort(frame, TCP + 14);
        int dataOffset = (frame[TCP + 12] & 0xf0) >>> 2;
        int length = getShort(frame, ETHERNET_HEADER + 2) - IPV4_HEADER - dataOffset;
        int sequence = getInt(frame, TCP + 4);
        if (length > 0 || (flags & FIN) != 0) {
            assertEquals(receiveNext, sequence, "in-order data");
            received.write(frame, TCP + dataOffset, length);
            receiveNext += length;
            if ((flags & FIN) != 0) {
                receiveNext++;
                peerClosed = true;
            }
            guest.send(segment(ACK, null, 0, 0));
        }
    }

    byte[] segment(int flags, byte[] data, int offset, int length) {
        return guest.tcp(port, peerPort, flags, sendNext, receiveNext, data, offset, length);
    }

    static int flags(byte[] frame) {
        return frame[TCP + 13] & 0x3f;
    }
}
