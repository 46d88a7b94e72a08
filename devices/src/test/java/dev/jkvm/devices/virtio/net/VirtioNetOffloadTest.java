package dev.jkvm.devices.virtio.net;

import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.virtio.DeviceStatus;
import dev.jkvm.devices.virtio.RingDriver;
import dev.jkvm.devices.virtio.RingDriver.Buffer;
import dev.jkvm.devices.virtio.TestMemory;
import dev.jkvm.devices.virtio.VirtioFeatures;
import dev.jkvm.devices.virtio.pci.FakePciDriver;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static dev.jkvm.devices.virtio.net.VirtioNet.TX_QUEUE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transmit offloads as Linux's virtio_net uses them: frames come with a virtio_net_hdr asking for
 * checksum completion or TCP segmentation, and the backend must see ordinary, correct frames. The
 * checks here compute checksums with their own code rather than the device's.
 */
class VirtioNetOffloadTest {
    private static final long ALL = -1L;
    private static final byte[] MAC = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
    private static final int ETH = 14, IP4 = 14, TCP4 = 34;
    private static final int IP6 = 14, HOP_BY_HOP = 54, TCP6 = 62;
    private static final int FIN = 0x01, PSH = 0x08, ACK = 0x10, ECE = 0x40, CWR = 0x80;
    /** Linux's tcp_mss with timestamps over a 1500-byte MTU. */
    private static final int MSS = 1448;
    /** What virtnet_probe knows and acks when offered (drivers/net/virtio_net.c features[]), with the ring bits. */
    private static final long LINUX_DRIVER_FEATURES = bits(0, 1, 2, 3, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
            18, 19, 20, 21, 22, 23, 53, 57, 60, 61, 62, 63) | VirtioFeatures.COMMON;

    private final GuestMemory memory = TestMemory.create();
    private final LoopbackBackend wire = new LoopbackBackend();
    private final VirtioNet nic = new VirtioNet(wire, MAC);
    private final FakePciDriver driver = new FakePciDriver(memory, nic);

    private static long bits(int... features) {
        long bits = 0;
        for (int feature : features) bits |= VirtioFeatures.bit(feature);
        return bits;
    }

    private void transmit(NetHeader header, byte[] frame) {
        RingDriver tx = driver.ring(TX_QUEUE);
        byte[] bytes = header.encode();
        tx.makeAvailable(tx.chain(Buffer.readable(tx.alloc(bytes), bytes.length), Buffer.readable(tx.alloc(frame), frame.length)));
        driver.notify(TX_QUEUE);
        assertEquals(1, tx.takeUsed().size(), "every transmit chain completes");
        assertEquals(0, driver.status() & DeviceStatus.DEVICE_NEEDS_RESET);
    }

    // ---- independent checks ---------------------------------------------------------------

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static int u32(byte[] b, int at) {
        return u16(b, at) << 16 | u16(b, at + 2);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static void put32(byte[] b, int at, int v) {
        put16(b, at, v >>> 16);
        put16(b, at + 2, v);
    }

    /** The 16-bit one's complement sum of the words in the ranges (offset, length pairs), folded. */
    private static int onesSum(long extra, byte[] b, int... ranges) {
        long sum = extra;
        for (int r = 0; r < ranges.length; r += 2) {
            for (int i = 0; i < ranges[r + 1]; i++) {
                int value = b[ranges[r] + i] & 0xff;
                sum += i % 2 == 0 ? value << 8 : value;
            }
        }
        while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) sum;
    }

    /** A header verifies when its words, checksum included, sum to 0xffff. */
    private static boolean ipv4HeaderVerifies(byte[] frame) {
        return onesSum(0, frame, IP4, (frame[IP4] & 0xf) * 4) == 0xffff;
    }

    private static boolean tcp4Verifies(byte[] frame) {
        int tcpLength = frame.length - TCP4;
        return onesSum(6 + tcpLength, frame, IP4 + 12, 8, TCP4, tcpLength) == 0xffff;
    }

    private static boolean tcp6Verifies(byte[] frame, int tcp) {
        int tcpLength = frame.length - tcp;
        return onesSum(6 + tcpLength, frame, IP6 + 8, 32, tcp, tcpLength) == 0xffff;
    }

    // ---- frames as Linux hands them to virtio_net ------------------------------------------

    private static byte[] payload(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte) (i * 31 + seed + (i >>> 8));
        return bytes;
    }

    private static void putEthernet(byte[] frame, int etherType) {
        System.arraycopy(new byte[] {0x52, 0x55, 10, 0, 2, 2}, 0, frame, 0, 6);
        System.arraycopy(MAC, 0, frame, 6, 6);
        put16(frame, 12, etherType);
    }

    /** A TCP header with the timestamp option (32 bytes) at {@code tcp}. */
    private static void putTcp(byte[] frame, int tcp, int sequence, int flags) {
        put16(frame, tcp, 40000);
        put16(frame, tcp + 2, 5001);
        put32(frame, tcp + 4, sequence);
        put32(frame, tcp + 8, 0x01020304);
        frame[tcp + 12] = (byte) 0x80;
        frame[tcp + 13] = (byte) flags;
        put16(frame, tcp + 14, 502);
        frame[tcp + 20] = 1;
        frame[tcp + 21] = 1;
        frame[tcp + 22] = 8;
        frame[tcp + 23] = 10;
        put32(frame, tcp + 24, 0x11223344);
        put32(frame, tcp + 28, 0x55667788);
    }

    /**
     * An IPv4 TCP frame as __tcp_v4_send_check leaves it: IP header complete, the TCP checksum
     * field holding the (uncomplemented) pseudo-header sum over the whole TCP length.
     */
    private static byte[] tcp4(byte[] payload, int sequence, int flags) {
        byte[] frame = new byte[TCP4 + 32 + payload.length];
        putEthernet(frame, 0x0800);
        frame[IP4] = 0x45;
        frame[IP4 + 1] = 0x02; // ECT(0)
        put16(frame, IP4 + 2, frame.length - IP4);
        put16(frame, IP4 + 4, 0xfffe);
        put16(frame, IP4 + 6, 0x4000);
        frame[IP4 + 8] = 64;
        frame[IP4 + 9] = 6;
        put32(frame, IP4 + 12, 0x0a00020f);
        put32(frame, IP4 + 16, 0x0a000202);
        put16(frame, IP4 + 10, ~onesSum(0, frame, IP4, 20) & 0xffff);
        putTcp(frame, TCP4, sequence, flags);
        System.arraycopy(payload, 0, frame, TCP4 + 32, payload.length);
        put16(frame, TCP4 + 16, onesSum(6 + frame.length - TCP4, frame, IP4 + 12, 8));
        return frame;
    }

    /** An IPv6 TCP frame with an (empty) hop-by-hop options header, as tcp_v6_send_check leaves it. */
    private static byte[] tcp6(byte[] payload, int sequence, int flags) {
        byte[] frame = new byte[TCP6 + 32 + payload.length];
        putEthernet(frame, 0x86dd);
        frame[IP6] = 0x60;
        put16(frame, IP6 + 4, frame.length - IP6 - 40);
        frame[IP6 + 6] = 0; // hop-by-hop
        frame[IP6 + 7] = 64;
        for (int i = 0; i < 32; i++) frame[IP6 + 8 + i] = (byte) (0x20 + i * 3);
        frame[HOP_BY_HOP] = 6; // then TCP
        frame[HOP_BY_HOP + 1] = 0; // 8 bytes
        frame[HOP_BY_HOP + 2] = 1; // PadN
        frame[HOP_BY_HOP + 3] = 4;
        putTcp(frame, TCP6, sequence, flags);
        System.arraycopy(payload, 0, frame, TCP6 + 32, payload.length);
        put16(frame, TCP6 + 16, onesSum(6 + frame.length - TCP6, frame, IP6 + 8, 32));
        return frame;
    }

    private static NetHeader tso(int gsoType, int hdrLen, int csumStart) {
        return new NetHeader(NetHeader.F_NEEDS_CSUM, gsoType, hdrLen, MSS, csumStart, 16);
    }

    // ---- tests ---------------------------------------------------------------------------------

    @Test
    void linuxNegotiatesChecksumAndSegmentationButNoReceiveOffloads() {
        long offered = driver.deviceFeatures();
        long negotiated = driver.initialize(LINUX_DRIVER_FEATURES, true, 0);
        assertEquals(negotiated, offered, "Linux takes all we offer");
        for (int feature : new int[] {VirtioNet.F_CSUM, VirtioNet.F_HOST_TSO4, VirtioNet.F_HOST_TSO6, VirtioNet.F_HOST_ECN,
                VirtioNet.F_MAC, VirtioNet.F_STATUS, VirtioNet.F_MRG_RXBUF}) {
            assertTrue(VirtioFeatures.has(negotiated, feature), "feature " + feature);
        }
        assertEquals(0, negotiated & bits(1, 2, 7, 8, 9, 10, 14), "no GUEST_* offloads, no UFO");
        assertEquals(0, negotiated & bits(17), "no control queue");
    }

    @Test
    void segmentationWithoutChecksumOffloadIsRefused() {
        for (long features : new long[] {bits(VirtioNet.F_HOST_TSO4), bits(VirtioNet.F_HOST_TSO6),
                bits(VirtioNet.F_CSUM, VirtioNet.F_HOST_ECN)}) {
            driver.reset();
            driver.setStatus(DeviceStatus.ACKNOWLEDGE | DeviceStatus.DRIVER);
            driver.writeDriverFeatures(features | VirtioFeatures.bit(VirtioFeatures.VERSION_1));
            driver.setStatus(DeviceStatus.ACKNOWLEDGE | DeviceStatus.DRIVER | DeviceStatus.FEATURES_OK);
            assertEquals(0, driver.status() & DeviceStatus.FEATURES_OK, "features " + Long.toHexString(features));
        }
        long csumOnly = driver.initialize(ALL & ~bits(VirtioNet.F_HOST_TSO4, VirtioNet.F_HOST_TSO6, VirtioNet.F_HOST_ECN), true, 0);
        assertTrue(VirtioFeatures.has(csumOnly, VirtioNet.F_CSUM));
    }

    @Test
    void a64KiBTso4FrameLeavesAsMssSegmentsWithCorrectHeadersAndChecksums() {
        driver.initialize(LINUX_DRIVER_FEATURES, true, 0);
        byte[] data = payload(65535 - 20 - 32, 3);
        int sequence = 0xffffd000; // wraps within the burst
        byte[] frame = tcp4(data, sequence, ACK | PSH | FIN | CWR | ECE);
        assertEquals(14 + 65535, frame.length);
        // hdr_len is only a hint: Linux puts skb_headlen there, which may run into the payload.
        transmit(tso(NetHeader.GSO_TCPV4 | NetHeader.GSO_ECN, 128, TCP4), frame);

        int segments = (data.length + MSS - 1) / MSS;
        assertEquals(46, segments);
        assertEquals(segments, wire.sent.size());
        assertEquals(0, nic.droppedFrames());
        byte[] reassembled = new byte[data.length];
        for (int i = 0; i < segments; i++) {
            byte[] s = wire.sent.get(i);
            int size = i < segments - 1 ? MSS : data.length - MSS * (segments - 1);
            boolean last = i == segments - 1;
            assertEquals(TCP4 + 32 + size, s.length, "segment " + i + " length");
            assertTrue(s.length <= 1514, "fits a 1500-byte MTU");
            assertArrayEquals(Arrays.copyOf(frame, 14), Arrays.copyOf(s, 14), "Ethernet header");
            assertEquals(s.length - IP4, u16(s, IP4 + 2), "IP total length");
            assertEquals((0xfffe + i) & 0xffff, u16(s, IP4 + 4), "IP identification wraps");
            assertEquals(0x4000, u16(s, IP4 + 6), "DF kept");
            assertEquals(0x02, s[IP4 + 1], "TOS kept");
            assertTrue(ipv4HeaderVerifies(s), "IP checksum of segment " + i);
            assertEquals(sequence + MSS * i, u32(s, TCP4 + 4), "sequence");
            assertEquals(0x01020304, u32(s, TCP4 + 8), "ack");
            int flags = s[TCP4 + 13] & 0xff;
            assertEquals(ACK | ECE | (last ? PSH | FIN : 0) | (i == 0 ? CWR : 0), flags, "flags of segment " + i);
            assertArrayEquals(Arrays.copyOfRange(frame, TCP4 + 20, TCP4 + 32), Arrays.copyOfRange(s, TCP4 + 20, TCP4 + 32),
                    "options repeated");
            assertTrue(tcp4Verifies(s), "TCP checksum of segment " + i);
            System.arraycopy(s, TCP4 + 32, reassembled, MSS * i, size);
        }
        assertArrayEquals(data, reassembled);
    }

    @Test
    void a64KiBTso6FrameWithHopByHopOptionsIsSegmentedToo() {
        driver.initialize(LINUX_DRIVER_FEATURES, true, 0);
        byte[] data = payload(60000, 5);
        byte[] frame = tcp6(data, 1000, ACK | PSH);
        transmit(tso(NetHeader.GSO_TCPV6, TCP6 + 32, TCP6), frame);
        int segments = (data.length + MSS - 1) / MSS;
        assertEquals(segments, wire.sent.size());
        for (int i = 0; i < segments; i++) {
            byte[] s = wire.sent.get(i);
            boolean last = i == segments - 1;
            assertEquals(s.length - IP6 - 40, u16(s, IP6 + 4), "IPv6 payload length");
            assertArrayEquals(Arrays.copyOfRange(frame, HOP_BY_HOP, TCP6), Arrays.copyOfRange(s, HOP_BY_HOP, TCP6));
            assertEquals(1000 + MSS * i, u32(s, TCP6 + 4));
            assertEquals(ACK | (last ? PSH : 0), s[TCP6 + 13] & 0xff);
            assertTrue(tcp6Verifies(s, TCP6), "TCP checksum of segment " + i);
            assertArrayEquals(Arrays.copyOfRange(data, MSS * i, MSS * i + s.length - TCP6 - 32),
                    Arrays.copyOfRange(s, TCP6 + 32, s.length));
        }
    }

    @Test
    void aSmallGsoFrameIsOneSegmentAndATaggedFrameKeepsItsTag() {
        driver.initialize(ALL, true, 0);
        byte[] untagged = tcp4(payload(500, 1), 7, ACK | PSH);
        byte[] tagged = new byte[untagged.length + 4];
        System.arraycopy(untagged, 0, tagged, 0, 12);
        put16(tagged, 12, 0x8100);
        put16(tagged, 14, 0x0064);
        System.arraycopy(untagged, 12, tagged, 16, untagged.length - 12);
        transmit(tso(NetHeader.GSO_TCPV4, TCP4 + 4 + 32, TCP4 + 4), tagged);
        assertEquals(1, wire.sent.size());
        byte[] sent = wire.sent.getFirst();
        byte[] inner = new byte[sent.length - 4];
        System.arraycopy(sent, 0, inner, 0, 12);
        System.arraycopy(sent, 16, inner, 12, inner.length - 12);
        assertEquals(0x0064, u16(sent, 14));
        assertTrue(ipv4HeaderVerifies(inner));
        assertTrue(tcp4Verifies(inner));
        assertEquals(ACK | PSH, inner[TCP4 + 13] & 0xff);
    }

    @Test
    void checksumOnlyFramesAreCompletedAndOtherwiseUntouched() {
        driver.initialize(ALL & ~bits(VirtioNet.F_HOST_TSO4, VirtioNet.F_HOST_TSO6, VirtioNet.F_HOST_ECN), true, 0);
        byte[] frame = tcp4(payload(1000, 9), 42, ACK | PSH);
        transmit(new NetHeader(NetHeader.F_NEEDS_CSUM, NetHeader.GSO_NONE, TCP4 + 32, 0, TCP4, 16), frame);
        byte[] sent = wire.sent.getFirst();
        assertTrue(tcp4Verifies(sent));
        sent[TCP4 + 16] = frame[TCP4 + 16];
        sent[TCP4 + 17] = frame[TCP4 + 17];
        assertArrayEquals(frame, sent, "only the checksum changes");

        // A UDP datagram whose checksum comes out 0 is sent with 0xffff, as 0 means "none".
        byte[] udp = new byte[ETH + 20 + 8 + 20];
        putEthernet(udp, 0x0800);
        udp[IP4] = 0x45;
        put16(udp, IP4 + 2, udp.length - IP4);
        udp[IP4 + 9] = 17;
        put32(udp, IP4 + 12, 0x0a00020f);
        put32(udp, IP4 + 16, 0x0a000202);
        put16(udp, IP4 + 10, ~onesSum(0, udp, IP4, 20) & 0xffff);
        put16(udp, TCP4, 1234);
        put16(udp, TCP4 + 2, 53);
        put16(udp, TCP4 + 4, 28);
        put16(udp, TCP4 + 6, onesSum(17 + 28, udp, IP4 + 12, 8));
        int sum = onesSum(0, udp, TCP4, 28);
        put16(udp, udp.length - 2, 0xffff - sum); // makes the whole sum 0xffff: checksum 0
        transmit(new NetHeader(NetHeader.F_NEEDS_CSUM, NetHeader.GSO_NONE, 0, 0, TCP4, 6), udp);
        byte[] sentUdp = wire.sent.get(1);
        assertEquals(0xffff, u16(sentUdp, TCP4 + 6));
        assertEquals(0xffff, onesSum(17 + 28, sentUdp, IP4 + 12, 8, TCP4, 28), "verifies");

        transmit(new NetHeader(0, NetHeader.GSO_NONE, 0, 0, 0, 0), frame);
        assertArrayEquals(frame, wire.sent.get(2), "no NEEDS_CSUM: sent as is");
        assertEquals(0, nic.droppedFrames());
    }

    @Test
    void malformedOrUnnegotiatedHeadersDropTheFrameAndAreCounted() {
        driver.initialize(ALL & ~bits(VirtioNet.F_HOST_TSO6, VirtioNet.F_HOST_ECN), true, 0);
        byte[] good = tcp4(payload(3000, 2), 1, ACK);
        byte[] udp = good.clone();
        udp[IP4 + 9] = 17;
        put16(udp, IP4 + 10, 0);
        put16(udp, IP4 + 10, ~onesSum(0, udp, IP4, 20) & 0xffff);
        byte[] fragment = good.clone();
        put16(fragment, IP4 + 6, 0x2000);
        byte[] badTcpHeader = good.clone();
        badTcpHeader[TCP4 + 12] = 0x40;
        byte[] truncated = Arrays.copyOf(good, TCP4 + 10);
        List<Object[]> cases = List.of(
                new Object[] {"hdr_len beyond the frame", tso(NetHeader.GSO_TCPV4, good.length + 1, TCP4), good},
                new Object[] {"gso_size 0", new NetHeader(1, NetHeader.GSO_TCPV4, TCP4 + 32, 0, TCP4, 16), good},
                new Object[] {"csum_start beyond the frame", new NetHeader(1, 0, 0, 0, good.length, 0), good},
                new Object[] {"checksum field beyond the frame", new NetHeader(1, 0, 0, 0, TCP4, good.length - TCP4 - 1), good},
                new Object[] {"csum_start not at TCP", tso(NetHeader.GSO_TCPV4, TCP4 + 32, TCP4 + 2), good},
                new Object[] {"csum_offset not TCP's", new NetHeader(1, NetHeader.GSO_TCPV4, TCP4 + 32, MSS, TCP4, 6), good},
                new Object[] {"TCPV4 on UDP", tso(NetHeader.GSO_TCPV4, TCP4 + 32, TCP4), udp},
                new Object[] {"TCPV4 on a fragment", tso(NetHeader.GSO_TCPV4, TCP4 + 32, TCP4), fragment},
                new Object[] {"TCP data offset < 5", tso(NetHeader.GSO_TCPV4, TCP4 + 32, TCP4), badTcpHeader},
                new Object[] {"headers cut short", tso(NetHeader.GSO_TCPV4, 0, TCP4), truncated},
                new Object[] {"TCPV6 on IPv4, and not negotiated", tso(NetHeader.GSO_TCPV6, TCP4 + 32, TCP4), good},
                new Object[] {"ECN not negotiated", tso(NetHeader.GSO_TCPV4 | NetHeader.GSO_ECN, TCP4 + 32, TCP4), good},
                new Object[] {"ECN without GSO", new NetHeader(0, NetHeader.GSO_ECN, 0, 0, 0, 0), good},
                new Object[] {"UFO", tso(NetHeader.GSO_UDP, TCP4 + 8, TCP4), udp},
                new Object[] {"unknown GSO type", tso(2, TCP4 + 32, TCP4), good});
        long dropped = 0;
        for (Object[] c : cases) {
            transmit((NetHeader) c[1], (byte[]) c[2]);
            assertEquals(List.of(), wire.sent, (String) c[0]);
            assertEquals(++dropped, nic.droppedFrames(), (String) c[0]);
        }
        transmit(tso(NetHeader.GSO_TCPV4, TCP4 + 32, TCP4), good);
        assertEquals(3, wire.sent.size(), "the queue still works");

        driver.initialize(ALL & ~bits(VirtioNet.F_CSUM, VirtioNet.F_HOST_TSO4, VirtioNet.F_HOST_TSO6, VirtioNet.F_HOST_ECN), true, 0);
        wire.sent.clear();
        transmit(new NetHeader(NetHeader.F_NEEDS_CSUM, 0, 0, 0, TCP4, 16), good);
        transmit(tso(NetHeader.GSO_TCPV4, TCP4 + 32, TCP4), good);
        assertEquals(List.of(), wire.sent, "offloads not negotiated");
        assertEquals(dropped + 2, nic.droppedFrames());
    }

    @Test
    void randomHeadersAndFramesNeverThrow() {
        SplittableRandom random = new SplittableRandom(0x7e57);
        long all = nic.features();
        int[] gsoTypes = {0, 1, 3, 4, 0x81, 0x84, 0x80, 2, 0xff};
        for (int i = 0; i < 20000; i++) {
            byte[] frame = random.nextBoolean() ? tcp4(payload(random.nextInt(3000), i), i, random.nextInt(256))
                    : tcp6(payload(random.nextInt(3000), i), i, random.nextInt(256));
            int scribbles = random.nextInt(4);
            for (int s = 0; s < scribbles; s++) frame[random.nextInt(Math.min(frame.length, 100))] = (byte) random.nextInt();
            if (random.nextInt(4) == 0) frame = Arrays.copyOf(frame, random.nextInt(frame.length + 1));
            NetHeader header = new NetHeader(random.nextInt(4), gsoTypes[random.nextInt(gsoTypes.length)],
                    random.nextInt(200), random.nextInt(4) == 0 ? random.nextInt(65536) : random.nextInt(2000),
                    random.nextInt(4) == 0 ? random.nextInt(65536) : random.nextInt(100), random.nextInt(4) == 0 ? 16 : random.nextInt(65536));
            int[] emitted = {0};
            TransmitOffload.transmit(header, frame, all, (f, n) -> emitted[0]++);
        }
    }
}
