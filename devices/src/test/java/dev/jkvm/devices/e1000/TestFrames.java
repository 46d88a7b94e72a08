package dev.jkvm.devices.e1000;

import dev.jkvm.devices.net.BigEndian;
import dev.jkvm.devices.net.InternetChecksum;

/** Builds and checks Ethernet/IPv4/TCP frames for the e1000 tests. */
final class TestFrames {
    static final int IP = 14, TCP = 34, TCP_PAYLOAD = 54;

    private TestFrames() {}

    static byte[] ethernet(byte[] destination, int etherType, int payloadLength) {
        byte[] frame = new byte[14 + payloadLength];
        System.arraycopy(destination, 0, frame, 0, 6);
        frame[6] = 0x02;
        frame[11] = 0x01;
        BigEndian.putShort(frame, 12, etherType);
        for (int i = 14; i < frame.length; i++) frame[i] = (byte) (i * 7);
        return frame;
    }

    /**
     * A TCP/IPv4 frame as Linux hands it to the NIC for offload: for segmentation with IP total
     * length and checksum zero, else complete; the TCP checksum field seeded with the pseudo-header
     * sum, without the length for segmentation.
     */
    static byte[] tcp(byte[] payload, int sequence, int flags, boolean tso) {
        byte[] frame = new byte[TCP_PAYLOAD + payload.length];
        System.arraycopy(Nic.MAC, 0, frame, 0, 6);
        frame[6] = 0x02;
        BigEndian.putShort(frame, 12, 0x0800);
        frame[IP] = 0x45;
        BigEndian.putShort(frame, IP + 2, tso ? 0 : frame.length - IP);
        BigEndian.putShort(frame, IP + 4, 0x1000);
        BigEndian.putShort(frame, IP + 6, 0x4000);
        frame[IP + 8] = 64;
        frame[IP + 9] = 6;
        BigEndian.putInt(frame, IP + 12, 0x0a00020f);
        BigEndian.putInt(frame, IP + 16, 0x0a000202);
        if (!tso) BigEndian.putShort(frame, IP + 10, InternetChecksum.of(frame, IP, 20));
        BigEndian.putShort(frame, TCP, 40000);
        BigEndian.putShort(frame, TCP + 2, 9);
        BigEndian.putInt(frame, TCP + 4, sequence);
        BigEndian.putInt(frame, TCP + 8, 77);
        frame[TCP + 12] = 0x50;
        frame[TCP + 13] = (byte) flags;
        BigEndian.putShort(frame, TCP + 14, 65535);
        System.arraycopy(payload, 0, frame, TCP_PAYLOAD, payload.length);
        int tcpLength = tso ? 0 : frame.length - TCP;
        long pseudo = InternetChecksum.add(0, frame, IP + 12, 8) + 6 + tcpLength;
        BigEndian.putShort(frame, TCP + 16, InternetChecksum.fold(pseudo));
        return frame;
    }

    static boolean ipChecksumValid(byte[] frame) {
        return InternetChecksum.of(frame, IP, 20) == 0;
    }

    static boolean tcpChecksumValid(byte[] frame) {
        int length = BigEndian.getShort(frame, IP + 2) - 20;
        long sum = InternetChecksum.add(0, frame, IP + 12, 8) + 6 + length;
        return InternetChecksum.finish(InternetChecksum.add(sum, frame, TCP, length)) == 0;
    }
}
