package dev.jkvm.devices.net;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.jkvm.devices.net.BigEndian.getInt;
import static dev.jkvm.devices.net.BigEndian.getShort;
import static dev.jkvm.devices.net.BigEndian.putInt;
import static dev.jkvm.devices.net.BigEndian.putShort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpSegmentationTest {
    private static final int IP = 14, TRANSPORT = 34;

    private static byte[] ipv4(int protocol, int transportHeader, int payload) {
        byte[] frame = new byte[TRANSPORT + transportHeader + payload];
        putShort(frame, 12, 0x0800);
        frame[IP] = 0x45;
        putShort(frame, IP + 4, 0x100);
        frame[IP + 9] = (byte) protocol;
        putInt(frame, IP + 12, 0x0a000001);
        putInt(frame, IP + 16, 0x0a000002);
        for (int i = TRANSPORT + transportHeader; i < frame.length; i++) frame[i] = (byte) (i * 13);
        return frame;
    }

    @Test
    void layoutsMustHoldTheFieldsTheyPatch() {
        assertTrue(new TcpSegmentation.Layout(IP, true, TRANSPORT, true, 54, 1460, false).fits(54));
        assertFalse(new TcpSegmentation.Layout(IP, true, TRANSPORT, true, 54, 1460, false).fits(53), "header past the packet");
        assertFalse(new TcpSegmentation.Layout(IP, true, TRANSPORT, true, 40, 1460, false).fits(100), "TCP flags past the header");
        assertFalse(new TcpSegmentation.Layout(IP, false, 30, true, 50, 1460, false).fits(100), "IPv6 header past the header");
        assertFalse(new TcpSegmentation.Layout(IP, true, TRANSPORT, true, 54, 0, false).fits(100), "MSS 0");
    }

    @Test
    void udpSegmentsGetTheirLengthAndRecomputedChecksums() {
        byte[] packet = ipv4(TcpSegmentation.PROTOCOL_UDP, 8, 2500);
        TcpSegmentation.Layout layout = new TcpSegmentation.Layout(IP, true, TRANSPORT, false, TRANSPORT + 8, 1000, false);
        List<byte[]> out = new ArrayList<>();
        int count = TcpSegmentation.segment(packet, packet.length, layout,
                (segment, index) -> TcpSegmentation.recomputeChecksums(segment, layout), (f, n) -> out.add(f));
        assertEquals(3, count);
        for (int i = 0; i < 3; i++) {
            byte[] s = out.get(i);
            assertEquals(i < 2 ? 1042 : 542, s.length);
            assertEquals(s.length - TRANSPORT, getShort(s, TRANSPORT + 4), "UDP length");
            assertEquals(0x100 + i, getShort(s, IP + 4));
            assertEquals(0, InternetChecksum.of(s, IP, 20));
            long pseudo = InternetChecksum.pseudoHeader(s, IP, 17, s.length - TRANSPORT);
            assertEquals(0, InternetChecksum.finish(InternetChecksum.add(pseudo, s, TRANSPORT, s.length - TRANSPORT)));
        }
    }

    @Test
    void aPacketWithoutPayloadIsOneSegment() {
        byte[] packet = ipv4(TcpSegmentation.PROTOCOL_TCP, 20, 0);
        putInt(packet, TRANSPORT + 4, 77);
        packet[TRANSPORT + 12] = 0x50;
        packet[TRANSPORT + 13] = (byte) (TcpSegmentation.TCP_FIN | TcpSegmentation.TCP_CWR);
        TcpSegmentation.Layout layout = new TcpSegmentation.Layout(IP, true, TRANSPORT, true, 54, 1460, true);
        List<byte[]> out = new ArrayList<>();
        TcpSegmentation.segment(packet, packet.length, layout, (segment, index) -> {}, (f, n) -> out.add(f));
        assertEquals(1, out.size());
        assertEquals(77, getInt(out.getFirst(), TRANSPORT + 4));
        assertEquals(TcpSegmentation.TCP_FIN | TcpSegmentation.TCP_CWR, out.getFirst()[TRANSPORT + 13] & 0xff);
    }
}
