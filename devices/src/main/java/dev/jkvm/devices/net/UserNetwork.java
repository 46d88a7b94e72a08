package dev.jkvm.devices.net;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static dev.jkvm.devices.net.BigEndian.*;
import static dev.jkvm.devices.net.Packets.*;

/**
 * {@code net=user}: a built-in peer on the guest's link that needs no host privileges. Like QEMU's
 * slirp layout, the guest is 10.0.2.15/24 and the peer 10.0.2.2 (MAC 52:55:0a:00:02:02); there is no
 * routing beyond the peer and no DHCP, so the guest configures its address statically.
 *
 * <p>The peer answers ARP for its address, ICMP echo, UDP echo (port 7) and discard (9), and serves
 * TCP: {@link DiscardService} on port 9, {@link SourceService} on 19 and {@link HttpService} on 80.
 * All data is verifiable: what the guest sends is summed with MD5, what it receives is the
 * deterministic {@link DataPattern}. Other TCP ports answer RST; frames it does not understand are
 * counted and dropped.
 *
 * <p>{@link #send} only queues the frame; one thread processes frames and delivers replies through
 * the sink. When the sink refuses a frame the thread keeps it, sends nothing newer, and tries again
 * on {@link #receiveRoomAvailable}.
 */
public final class UserNetwork implements NetBackend {
    public static final int GUEST_IP = ipv4(10, 0, 2, 15), PEER_IP = ipv4(10, 0, 2, 2);
    public static final byte[] PEER_MAC = {0x52, 0x55, 0x0a, 0x00, 0x02, 0x02};
    public static final int ECHO_PORT = 7, DISCARD_PORT = 9, SOURCE_PORT = 19, HTTP_PORT = 80;

    private static final int MAX_QUEUED_FROM_GUEST = 4096, MAX_QUEUED_TO_GUEST = 256, SEGMENTS_PER_ROUND = 16;
    private static final long IDLE_WAIT_NANOS = 20_000_000L;
    private static final int ARP_LENGTH = 28, ICMP_ECHO_REQUEST = 8, ICMP_ECHO_REPLY = 0, TCP_MSS_OPTION = 2;

    private final DiscardService discard = new DiscardService();
    private final Map<Integer, TcpService> services = Map.of(DISCARD_PORT, discard, SOURCE_PORT, new SourceService(),
            HTTP_PORT, new HttpService());
    private final ConcurrentLinkedQueue<byte[]> fromGuest = new ConcurrentLinkedQueue<>();
    private final AtomicInteger fromGuestCount = new AtomicInteger();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private volatile FrameSink sink;
    private volatile boolean running = true;

    // Owned by the worker thread.
    private final ArrayDeque<byte[]> toGuest = new ArrayDeque<>();
    private final Map<Integer, TcpConnection> connections = new HashMap<>();
    private byte[] guestMac = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    private int guestIp = GUEST_IP;
    private int nextIpId;
    private int nextInitialSequence = 0x1000_0000;

    public UserNetwork() {
        worker = Thread.ofPlatform().daemon().name("net-user").start(this::run);
    }

    public DiscardService discardService() {
        return discard;
    }

    /** Frames from the guest that were malformed or not for the peer. */
    public long malformedFrames() {
        return malformed.get();
    }

    /** Frames from the guest dropped because the peer fell behind. */
    public long droppedFrames() {
        return dropped.get();
    }

    @Override
    public void send(byte[] frame, int offset, int length) {
        if (fromGuestCount.incrementAndGet() > MAX_QUEUED_FROM_GUEST) {
            fromGuestCount.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        fromGuest.add(java.util.Arrays.copyOfRange(frame, offset, offset + length));
        LockSupport.unpark(worker);
    }

    @Override
    public void attach(FrameSink sink) {
        this.sink = sink;
        LockSupport.unpark(worker);
    }

    @Override
    public boolean deliversInBursts() {
        return true;
    }

    @Override
    public void receiveRoomAvailable() {
        LockSupport.unpark(worker);
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(worker);
        try {
            worker.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            boolean busy = false;
            for (byte[] frame; (frame = fromGuest.poll()) != null; ) {
                fromGuestCount.decrementAndGet();
                handleSafely(frame);
                busy = true;
            }
            long now = System.nanoTime();
            busy |= serveConnections(now);
            boolean blocked = !deliver();
            FrameSink target = sink;
            if (target != null) target.endOfBurst();
            if (!busy || blocked) LockSupport.parkNanos(IDLE_WAIT_NANOS);
        }
    }

    /** Offers queued frames in order; false when the guest refused one. */
    private boolean deliver() {
        FrameSink target = sink;
        while (!toGuest.isEmpty()) {
            byte[] frame = toGuest.peek();
            if (target == null || !target.offer(frame, 0, frame.length)) return false;
            toGuest.poll();
        }
        return true;
    }

    private boolean serveConnections(long now) {
        boolean sent = false;
        for (Iterator<TcpConnection> it = connections.values().iterator(); it.hasNext(); ) {
            TcpConnection connection = it.next();
            connection.checkTimer(now);
            connection.flushAck();
            if (toGuest.size() < MAX_QUEUED_TO_GUEST) sent |= connection.pump(SEGMENTS_PER_ROUND, now) > 0;
            connection.flushAck();
            if (connection.state() == TcpConnection.State.CLOSED) it.remove();
        }
        return sent;
    }

    private void handleSafely(byte[] frame) {
        try {
            if (!handle(frame)) malformed.incrementAndGet();
        } catch (RuntimeException e) {
            malformed.incrementAndGet(); // a field pointing outside the frame that the checks missed
        }
    }

    /** Returns false for a frame the peer does not understand. */
    private boolean handle(byte[] frame) {
        if (frame.length < ETHERNET_HEADER) return false;
        int etherType = getShort(frame, 12);
        if (etherType == ETHERTYPE_ARP) return handleArp(frame);
        if (etherType == ETHERTYPE_IPV4) return handleIpv4(frame);
        return false;
    }

    private boolean handleArp(byte[] frame) {
        int arp = ETHERNET_HEADER;
        if (frame.length < arp + ARP_LENGTH || getShort(frame, arp) != 1 || getShort(frame, arp + 2) != ETHERTYPE_IPV4
                || frame[arp + 4] != 6 || frame[arp + 5] != 4) {
            return false;
        }
        int operation = getShort(frame, arp + 6);
        int targetIp = getInt(frame, arp + 24);
        if (operation != 1 || targetIp != PEER_IP) return true; // not a question for us
        byte[] senderMac = java.util.Arrays.copyOfRange(frame, arp + 8, arp + 14);
        byte[] reply = new byte[ETHERNET_HEADER + ARP_LENGTH];
        putEthernet(reply, senderMac, PEER_MAC, ETHERTYPE_ARP);
        System.arraycopy(frame, arp, reply, arp, 6); // hardware type, protocol type, address sizes
        putShort(reply, arp + 6, 2);
        System.arraycopy(PEER_MAC, 0, reply, arp + 8, 6);
        putInt(reply, arp + 14, PEER_IP);
        System.arraycopy(frame, arp + 8, reply, arp + 18, 10); // the asker's MAC and IP
        toGuest.add(reply);
        return true;
    }

    private boolean handleIpv4(byte[] frame) {
        int ip = ETHERNET_HEADER;
        if (frame.length < ip + IPV4_HEADER || (frame[ip] & 0xf0) != 0x40) return false;
        int headerLength = (frame[ip] & 0x0f) * 4;
        int totalLength = getShort(frame, ip + 2);
        if (headerLength < IPV4_HEADER || totalLength < headerLength || ip + totalLength > frame.length) return false;
        if (InternetChecksum.of(frame, ip, headerLength) != 0) return false;
        if ((getShort(frame, ip + 6) & 0x3fff) != 0) return false; // fragments are not reassembled
        if (getInt(frame, ip + 16) != PEER_IP) return false;
        // Reply to whichever address and MAC the guest uses.
        guestMac = java.util.Arrays.copyOfRange(frame, 6, 12);
        guestIp = getInt(frame, ip + 12);
        int payload = ip + headerLength;
        int payloadLength = totalLength - headerLength;
        return switch (frame[ip + 9]) {
            case PROTOCOL_ICMP -> handleIcmp(frame, payload, payloadLength);
            case PROTOCOL_UDP -> handleUdp(frame, ip, payload, payloadLength);
            case PROTOCOL_TCP -> handleTcp(frame, ip, payload, payloadLength);
            default -> false;
        };
    }

    private boolean handleIcmp(byte[] frame, int icmp, int length) {
        if (length < 8 || InternetChecksum.of(frame, icmp, length) != 0) return false;
        if ((frame[icmp] & 0xff) != ICMP_ECHO_REQUEST) return true;
        byte[] reply = newIpv4(PROTOCOL_ICMP, length);
        int at = ETHERNET_HEADER + IPV4_HEADER;
        System.arraycopy(frame, icmp, reply, at, length);
        reply[at] = ICMP_ECHO_REPLY;
        putShort(reply, at + 2, 0);
        putShort(reply, at + 2, InternetChecksum.of(reply, at, length));
        toGuest.add(reply);
        return true;
    }

    private boolean handleUdp(byte[] frame, int ip, int udp, int length) {
        if (length < UDP_HEADER || getShort(frame, udp + 4) != length || !transportChecksumOk(frame, ip, udp, length, PROTOCOL_UDP, true)) {
            return false;
        }
        if (getShort(frame, udp + 2) != ECHO_PORT) return true; // discard, or nothing listening
        byte[] reply = newIpv4(PROTOCOL_UDP, length);
        int at = ETHERNET_HEADER + IPV4_HEADER;
        System.arraycopy(frame, udp, reply, at, length);
        putShort(reply, at, ECHO_PORT);
        putShort(reply, at + 2, getShort(frame, udp));
        putTransportChecksum(reply, PROTOCOL_UDP, at + 6);
        toGuest.add(reply);
        return true;
    }

    private static boolean transportChecksumOk(byte[] frame, int ip, int at, int length, int protocol, boolean optional) {
        if (optional && getShort(frame, at + 6) == 0) return true;
        long sum = InternetChecksum.pseudoHeader(frame, ip, protocol, length);
        return InternetChecksum.finish(InternetChecksum.add(sum, frame, at, length)) == 0;
    }

    private boolean handleTcp(byte[] frame, int ip, int tcp, int length) {
        if (length < TCP_HEADER || !transportChecksumOk(frame, ip, tcp, length, PROTOCOL_TCP, false)) return false;
        int guestPort = getShort(frame, tcp);
        int peerPort = getShort(frame, tcp + 2);
        int sequence = getInt(frame, tcp + 4);
        int acknowledgement = getInt(frame, tcp + 8);
        int dataOffset = (frame[tcp + 12] & 0xf0) >>> 2;
        int flags = frame[tcp + 13] & 0x3f;
        int window = getShort(frame, tcp + 14);
        if (dataOffset < TCP_HEADER || dataOffset > length) return false;
        int key = guestPort << 16 | peerPort;
        TcpConnection connection = connections.get(key);
        long now = System.nanoTime();
        if (connection == null) {
            TcpService service = services.get(peerPort);
            boolean opening = (flags & (TcpConnection.SYN | TcpConnection.ACK | TcpConnection.RST)) == TcpConnection.SYN;
            if (opening && service != null) {
                int mss = mssOption(frame, tcp + TCP_HEADER, tcp + dataOffset);
                connections.put(key, new TcpConnection(guestPort, peerPort, sequence, mss, window, nextInitialSequence,
                        service.open(), this::sendSegment, now));
                nextInitialSequence += 0x0100_0000;
            } else if ((flags & TcpConnection.RST) == 0) {
                refuse(guestPort, peerPort, flags, sequence, acknowledgement, length - dataOffset);
            }
            return true;
        }
        connection.receive(flags, sequence, acknowledgement, window, frame, tcp + dataOffset, length - dataOffset, now);
        return true;
    }

    private static int mssOption(byte[] frame, int at, int end) {
        while (at < end) {
            int kind = frame[at] & 0xff;
            if (kind == 0) break;
            if (kind == 1) {
                at++;
                continue;
            }
            if (at + 1 >= end) break;
            int size = frame[at + 1] & 0xff;
            if (size < 2 || at + size > end) break;
            if (kind == TCP_MSS_OPTION && size == 4) return getShort(frame, at + 2);
            at += size;
        }
        return TcpConnection.DEFAULT_MSS;
    }

    /** RFC 793's reset for a segment to no connection. */
    private void refuse(int guestPort, int peerPort, int flags, int sequence, int acknowledgement, int dataLength) {
        if ((flags & TcpConnection.ACK) != 0) {
            writeTcp(peerPort, guestPort, TcpConnection.RST, acknowledgement, 0, null, 0, 0);
        } else {
            int length = dataLength + ((flags & TcpConnection.SYN) != 0 ? 1 : 0) + ((flags & TcpConnection.FIN) != 0 ? 1 : 0);
            writeTcp(peerPort, guestPort, TcpConnection.RST | TcpConnection.ACK, 0, sequence + length, null, 0, 0);
        }
    }

    private void sendSegment(TcpConnection c, int flags, int sequence, int acknowledgement, byte[] payload, int offset,
                             int length) {
        writeTcp(c.peerPort, c.guestPort, flags, sequence, acknowledgement, payload, offset, length);
    }

    private void writeTcp(int sourcePort, int destinationPort, int flags, int sequence, int acknowledgement,
                          byte[] payload, int offset, int length) {
        boolean mssOption = (flags & TcpConnection.SYN) != 0;
        int headerLength = TCP_HEADER + (mssOption ? 4 : 0);
        byte[] frame = newIpv4(PROTOCOL_TCP, headerLength + length);
        int tcp = ETHERNET_HEADER + IPV4_HEADER;
        putShort(frame, tcp, sourcePort);
        putShort(frame, tcp + 2, destinationPort);
        putInt(frame, tcp + 4, sequence);
        putInt(frame, tcp + 8, acknowledgement);
        frame[tcp + 12] = (byte) (headerLength << 2);
        frame[tcp + 13] = (byte) flags;
        putShort(frame, tcp + 14, TcpConnection.WINDOW);
        if (mssOption) {
            frame[tcp + 20] = TCP_MSS_OPTION;
            frame[tcp + 21] = 4;
            putShort(frame, tcp + 22, TcpConnection.PEER_MSS);
        }
        if (length > 0) System.arraycopy(payload, offset, frame, tcp + headerLength, length);
        putTransportChecksum(frame, PROTOCOL_TCP, tcp + 16);
        toGuest.add(frame);
    }

    private byte[] newIpv4(int protocol, int payloadLength) {
        return ipv4Frame(guestMac, PEER_MAC, PEER_IP, guestIp, protocol, payloadLength, nextIpId++ & 0xffff);
    }
}
