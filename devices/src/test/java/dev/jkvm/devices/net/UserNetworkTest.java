package dev.jkvm.devices.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static dev.jkvm.devices.net.BigEndian.*;
import static dev.jkvm.devices.net.Packets.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserNetworkTest {
    private static final int TCP = ETHERNET_HEADER + IPV4_HEADER;
    private final GuestSide guest = new GuestSide();

    @AfterEach
    void close() {
        guest.close();
    }

    @Test
    void answersArpForThePeer() {
        byte[] request = new byte[ETHERNET_HEADER + 28];
        putEthernet(request, new byte[] {-1, -1, -1, -1, -1, -1}, GuestSide.GUEST_MAC, ETHERTYPE_ARP);
        putShort(request, 14, 1);
        putShort(request, 16, ETHERTYPE_IPV4);
        request[18] = 6;
        request[19] = 4;
        putShort(request, 20, 1);
        System.arraycopy(GuestSide.GUEST_MAC, 0, request, 22, 6);
        putInt(request, 28, UserNetwork.GUEST_IP);
        putInt(request, 38, UserNetwork.PEER_IP);
        guest.send(request);
        byte[] reply = guest.next();
        assertEquals(ETHERTYPE_ARP, getShort(reply, 12));
        assertEquals(2, getShort(reply, 20));
        assertArrayEquals(UserNetwork.PEER_MAC, java.util.Arrays.copyOfRange(reply, 22, 28));
        assertEquals(UserNetwork.PEER_IP, getInt(reply, 28));
        assertArrayEquals(GuestSide.GUEST_MAC, java.util.Arrays.copyOfRange(reply, 0, 6));
        assertEquals(UserNetwork.GUEST_IP, getInt(reply, 38));
    }

    @Test
    void answersIcmpEcho() {
        byte[] request = guest.ipv4(PROTOCOL_ICMP, 8 + 32);
        int icmp = TCP;
        request[icmp] = 8;
        putShort(request, icmp + 4, 0x1234);
        putShort(request, icmp + 6, 7);
        for (int i = 0; i < 32; i++) request[icmp + 8 + i] = (byte) i;
        putShort(request, icmp + 2, InternetChecksum.of(request, icmp, 40));
        guest.send(request);
        byte[] reply = guest.next();
        assertEquals(PROTOCOL_ICMP, reply[ETHERNET_HEADER + 9]);
        assertEquals(0, InternetChecksum.of(reply, ETHERNET_HEADER, IPV4_HEADER));
        assertEquals(0, reply[icmp]);
        assertEquals(0, InternetChecksum.of(reply, icmp, 40));
        assertEquals(0x1234, getShort(reply, icmp + 4));
        assertEquals(7, getShort(reply, icmp + 6));
        assertEquals(UserNetwork.GUEST_IP, getInt(reply, ETHERNET_HEADER + 16));
    }

    @Test
    void udpEchoReturnsTheDatagram() {
        byte[] data = "ping over udp".getBytes(StandardCharsets.US_ASCII);
        byte[] request = guest.ipv4(PROTOCOL_UDP, UDP_HEADER + data.length);
        putShort(request, TCP, 5555);
        putShort(request, TCP + 2, UserNetwork.ECHO_PORT);
        putShort(request, TCP + 4, UDP_HEADER + data.length);
        System.arraycopy(data, 0, request, TCP + UDP_HEADER, data.length);
        putTransportChecksum(request, PROTOCOL_UDP, TCP + 6);
        guest.send(request);
        byte[] reply = guest.next();
        assertEquals(5555, getShort(reply, TCP + 2));
        assertTrue(GuestSide.transportChecksumValid(reply, PROTOCOL_UDP));
        assertArrayEquals(data, java.util.Arrays.copyOfRange(reply, TCP + UDP_HEADER, reply.length));
    }

    @Test
    void sinkReceivesOneMebibyteAndReportsItsChecksum() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(1).nextBytes(data);
        GuestTcpClient client = new GuestTcpClient(guest, 40000, UserNetwork.DISCARD_PORT);
        client.connect();
        client.send(data);
        client.sendFin();
        client.readUntilClosed();
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        assertEquals((1 << 20) + " " + md5 + "\n", client.received.toString(StandardCharsets.US_ASCII));
        DiscardService.Result result = guest.network.discardService().completed().getFirst();
        assertEquals(1 << 20, result.bytes());
        assertEquals(md5, result.md5());
    }

    @Test
    void sourceSendsTheRequestedPatternAndItsSum() {
        GuestTcpClient client = new GuestTcpClient(guest, 40001, UserNetwork.SOURCE_PORT);
        client.connect();
        client.send("300000\n".getBytes(StandardCharsets.US_ASCII));
        client.sendFin();
        client.readUntilClosed();
        byte[] expected = new byte[300_000];
        DataPattern.fill(0, expected, 0, expected.length);
        assertArrayEquals(expected, client.received.toByteArray());

        GuestTcpClient sum = new GuestTcpClient(guest, 40002, UserNetwork.SOURCE_PORT);
        sum.connect();
        sum.send("sum 300000\n".getBytes(StandardCharsets.US_ASCII));
        sum.sendFin();
        sum.readUntilClosed();
        assertEquals(DataPattern.md5(300_000) + "  -\n", sum.received.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void httpServesPatternBytes() {
        GuestTcpClient client = new GuestTcpClient(guest, 40003, UserNetwork.HTTP_PORT);
        client.connect();
        client.send("GET /bytes/5000 HTTP/1.0\r\nHost: 10.0.2.2\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        client.readUntilClosed();
        client.sendFin();
        String response = client.received.toString(StandardCharsets.ISO_8859_1);
        int body = response.indexOf("\r\n\r\n") + 4;
        assertTrue(response.startsWith("HTTP/1.0 200 OK\r\n"));
        assertTrue(response.contains("Content-Length: 5000\r\n"));
        byte[] expected = new byte[5000];
        DataPattern.fill(0, expected, 0, expected.length);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(client.received.toByteArray(), body, body + 5000));
        assertEquals(body + 5000, client.received.size());
    }

    @Test
    void closedPortAnswersReset() {
        guest.send(guest.tcp(40004, 23, TcpConnection.SYN, 5000, 0, null, 0, 0));
        byte[] reset = guest.next();
        assertEquals(TcpConnection.RST | TcpConnection.ACK, GuestTcpClient.flags(reset));
        assertEquals(5001, getInt(reset, TCP + 8));
    }

    @Test
    void duplicateAndOutOfOrderSegmentsAreReacknowledged() throws Exception {
        GuestTcpClient client = new GuestTcpClient(guest, 40005, UserNetwork.DISCARD_PORT);
        client.connect();
        byte[] chunk = "0123456789".getBytes(StandardCharsets.US_ASCII);
        // seq 1001 is next; send 1011 first (a gap), then 1001, then 1001 again (a retransmit).
        guest.send(guest.tcp(40005, 9, TcpConnection.ACK, 1011, 0, chunk, 0, 10));
        byte[] dupAck = guest.next();
        assertEquals(1001, getInt(dupAck, TCP + 8));
        guest.send(guest.tcp(40005, 9, TcpConnection.ACK, 1001, 0, chunk, 0, 10));
        assertEquals(1011, getInt(guest.next(), TCP + 8));
        guest.send(guest.tcp(40005, 9, TcpConnection.ACK, 1001, 0, chunk, 0, 10));
        assertEquals(1011, getInt(guest.next(), TCP + 8));
        assertNull(guest.nextOrNull(100));
    }

    @Test
    void refusedFramesAreHeldAndDeliveredInOrderWhenRoomAppears() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean room = new java.util.concurrent.atomic.AtomicBoolean(false);
        java.util.List<byte[]> delivered = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        guest.network.attach((frame, offset, length) -> {
            if (!room.get()) return false;
            delivered.add(java.util.Arrays.copyOfRange(frame, offset, offset + length));
            return true;
        });
        for (int port = 50000; port < 50005; port++) guest.send(guest.tcp(port, 23, TcpConnection.SYN, 1, 0, null, 0, 0));
        Thread.sleep(200);
        assertEquals(0, delivered.size());
        room.set(true);
        guest.network.receiveRoomAvailable();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (delivered.size() < 5 && System.nanoTime() < deadline) Thread.sleep(10);
        assertEquals(5, delivered.size());
        for (int i = 0; i < 5; i++) assertEquals(50000 + i, getShort(delivered.get(i), TCP + 2));
    }

    @Test
    void malformedFramesAreCountedAndIgnored() throws Exception {
        Random random = new Random(7);
        guest.send(new byte[3]);
        byte[] badChecksum = guest.ipv4(PROTOCOL_UDP, 8);
        badChecksum[ETHERNET_HEADER + 10] ^= 1;
        guest.send(badChecksum);
        byte[] truncated = guest.tcp(1, 9, TcpConnection.SYN, 1, 0, null, 0, 0);
        guest.send(java.util.Arrays.copyOf(truncated, 40));
        byte[] badLength = guest.ipv4(PROTOCOL_TCP, 20);
        putShort(badLength, ETHERNET_HEADER + 2, 1500);
        guest.send(badLength);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = guest.ipv4(random.nextInt(3) == 0 ? PROTOCOL_TCP : random.nextInt(256), random.nextInt(80));
            for (int j = ETHERNET_HEADER + IPV4_HEADER; j < junk.length; j++) junk[j] = (byte) random.nextInt();
            if (random.nextBoolean()) junk[ETHERNET_HEADER + random.nextInt(IPV4_HEADER)] = (byte) random.nextInt();
            guest.send(junk);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (guest.network.malformedFrames() < 4 && System.nanoTime() < deadline) Thread.sleep(10);
        assertTrue(guest.network.malformedFrames() >= 4);
        // Still serving afterwards.
        answersIcmpEchoAfterJunk();
    }

    private void answersIcmpEchoAfterJunk() {
        guest.received.clear();
        byte[] request = guest.ipv4(PROTOCOL_ICMP, 8);
        request[TCP] = 8;
        putShort(request, TCP + 2, InternetChecksum.of(request, TCP, 8));
        guest.send(request);
        byte[] reply;
        do {
            reply = guest.next();
        } while (reply[ETHERNET_HEADER + 9] != PROTOCOL_ICMP);
        assertEquals(0, reply[TCP]);
    }
}
