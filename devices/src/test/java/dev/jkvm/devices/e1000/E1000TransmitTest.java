package dev.jkvm.devices.e1000;

import dev.jkvm.devices.net.BigEndian;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static dev.jkvm.devices.e1000.Registers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class E1000TransmitTest {
    private static final int EOP = 0x01, IFCS = 0x02, IC = 0x04, TSE = 0x04, RS = 0x08, DEXT = 0x20;
    private static final int DTYP_DATA = 1 << 20;
    private static final int TXSM = 0x02 << 8, IXSM = 0x01 << 8;

    private final Nic nic = new Nic();

    @AfterEach
    void close() {
        nic.close();
    }

    @Test
    void legacyDescriptorSendsTheFrameAndWritesBackDone() {
        nic.setUpTransmit(8);
        nic.write(IMS, Interrupts.TXDW);
        nic.read(ICR);
        byte[] frame = TestFrames.ethernet(new byte[] {-1, -1, -1, -1, -1, -1}, 0x88b5, 100);
        nic.queueLegacy(0, Nic.TX_BUFFERS, frame);
        nic.write(TDT, 1);
        assertEquals(1, nic.backend.sent.size());
        assertArrayEquals(frame, nic.backend.sent.get(0));
        assertEquals(1, nic.memory.readByte(Nic.TX_RING + 12) & 0x0f, "DD");
        assertEquals(1, nic.read(TDH));
        assertTrue(nic.irq.level());
        assertEquals(Interrupts.TXDW | Interrupts.TXQE, nic.read(ICR));
        assertEquals(1, nic.read(Statistics.GPTC));
        assertEquals(0, nic.read(Statistics.GPTC), "read to clear");
        assertEquals(frame.length + 4, nic.read(Statistics.GOTCL));
        assertEquals(0, nic.read(Statistics.GOTCH));
        assertEquals(1, nic.read(Statistics.BPTC));
        assertEquals(1, nic.read(Statistics.TPT));
        assertEquals(1, nic.read(Statistics.PTC64 + 4), "PTC127: 65-127 bytes");
    }

    @Test
    void shortFramesArePaddedAndPacketsGatherAcrossDescriptors() {
        nic.setUpTransmit(8);
        byte[] frame = TestFrames.ethernet(Nic.MAC, 0x88b5, 100);
        nic.memory.write(Nic.TX_BUFFERS, frame, 0, 50);
        nic.memory.write(Nic.TX_BUFFERS + 0x1000, frame, 50, frame.length - 50);
        nic.writeTxDescriptor(0, Nic.TX_BUFFERS, 50, 0);
        nic.writeTxDescriptor(1, Nic.TX_BUFFERS + 0x1000, (frame.length - 50) | (EOP | RS) << 24, 0);
        byte[] tiny = TestFrames.ethernet(Nic.MAC, 0x88b5, 10);
        nic.queueLegacy(2, Nic.TX_BUFFERS + 0x2000, tiny);
        nic.write(TDT, 1);
        assertEquals(0, nic.backend.sent.size(), "no EOP yet");
        nic.write(TDT, 3);
        assertArrayEquals(frame, nic.backend.sent.get(0));
        assertEquals(60, nic.backend.sent.get(1).length, "TCTL.PSP pads to 60 bytes");
        assertArrayEquals(tiny, Arrays.copyOf(nic.backend.sent.get(1), tiny.length));
    }

    @Test
    void legacyChecksumInsertion() {
        nic.setUpTransmit(8);
        byte[] frame = TestFrames.tcp(new byte[333], 1, 0x18, false);
        frame[TestFrames.TCP + 16] = 0;
        frame[TestFrames.TCP + 17] = 0;
        // Put the pseudo-header seed in as Linux would for CHECKSUM_PARTIAL, then let IC finish it.
        byte[] seeded = TestFrames.tcp(new byte[333], 1, 0x18, false);
        nic.memory.write(Nic.TX_BUFFERS, seeded);
        int css = TestFrames.TCP, cso = TestFrames.TCP + 16;
        nic.writeTxDescriptor(0, Nic.TX_BUFFERS, seeded.length | cso << 16 | (EOP | IFCS | IC | RS) << 24, css << 8);
        nic.write(TDT, 1);
        byte[] sent = nic.backend.sent.get(0);
        assertTrue(TestFrames.tcpChecksumValid(sent));
    }

    @Test
    void contextDescriptorChecksumOffload() {
        nic.setUpTransmit(8);
        byte[] frame = TestFrames.tcp("hello, e1000".getBytes(), 5, 0x18, false);
        nic.memory.write(Nic.TX_BUFFERS, frame);
        writeContext(0, TestFrames.TCP, 0, 0, 0);
        nic.writeTxDescriptor(1, Nic.TX_BUFFERS, frame.length | DTYP_DATA | (DEXT | EOP | IFCS | RS) << 24, TXSM);
        nic.write(TDT, 2);
        byte[] sent = nic.backend.sent.get(0);
        assertTrue(TestFrames.tcpChecksumValid(sent));
        assertTrue(TestFrames.ipChecksumValid(sent), "software computed the IP checksum itself");
        assertEquals(1, nic.memory.readByte(Nic.TX_RING + 16 + 12) & 1);
    }

    /** A TCP/IPv4 context: IP checksum over the IP header, TCP checksum from the TCP header to the end. */
    private void writeContext(int index, int tcpStart, int payloadLength, int mss, int extraCommand) {
        int ipFields = TestFrames.IP | (TestFrames.IP + 10) << 8 | (TestFrames.TCP - 1) << 16;
        int tcpFields = tcpStart | (tcpStart + 16) << 8;
        int command = (DEXT | OffloadContext.TUCMD_TCP | OffloadContext.TUCMD_IP | extraCommand) << 24;
        int segmentation = TestFrames.TCP_PAYLOAD << 8 | mss << 16;
        nic.writeTxDescriptor(index, (long) tcpFields << 32 | (ipFields & 0xffffffffL), command | payloadLength,
                segmentation);
    }

    @Test
    void tcpSegmentationSplitsByMssAndFixesEveryHeader() {
        nic.setUpTransmit(16);
        byte[] payload = new byte[10_000];
        for (int i = 0; i < payload.length; i++) payload[i] = (byte) (i * 31 + (i >> 8));
        int firstSequence = 0x7fffff00; // wraps past 2^31 mid-stream
        byte[] packet = TestFrames.tcp(payload, firstSequence, 0x19, true); // FIN|PSH|ACK
        int mss = 1448;
        writeContext(0, TestFrames.TCP, payload.length, mss, OffloadContext.TUCMD_TSE);
        // The packet in two data descriptors, split inside the payload.
        nic.memory.write(Nic.TX_BUFFERS, packet, 0, 3000);
        nic.memory.write(Nic.TX_BUFFERS + 0x4000, packet, 3000, packet.length - 3000);
        int dcmd = DTYP_DATA | (DEXT | TSE | IFCS) << 24;
        nic.writeTxDescriptor(1, Nic.TX_BUFFERS, 3000 | dcmd, TXSM | IXSM);
        nic.writeTxDescriptor(2, Nic.TX_BUFFERS + 0x4000, (packet.length - 3000) | dcmd | (EOP | RS) << 24, 0);
        nic.write(TDT, 3);

        int expectedSegments = (payload.length + mss - 1) / mss;
        assertEquals(expectedSegments, nic.backend.sent.size());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < expectedSegments; i++) {
            byte[] segment = nic.backend.sent.get(i);
            boolean last = i == expectedSegments - 1;
            int size = last ? payload.length - mss * i : mss;
            assertEquals(TestFrames.TCP_PAYLOAD + size, segment.length);
            assertEquals(segment.length - TestFrames.IP, BigEndian.getShort(segment, TestFrames.IP + 2), "IP total length");
            assertEquals(0x1000 + i, BigEndian.getShort(segment, TestFrames.IP + 4), "IP identification");
            assertEquals(firstSequence + mss * i, BigEndian.getInt(segment, TestFrames.TCP + 4), "sequence");
            assertEquals(last ? 0x19 : 0x10, segment[TestFrames.TCP + 13] & 0xff, "FIN and PSH only on the last");
            assertTrue(TestFrames.ipChecksumValid(segment), "IP checksum of segment " + i);
            assertTrue(TestFrames.tcpChecksumValid(segment), "TCP checksum of segment " + i);
            joined.write(segment, TestFrames.TCP_PAYLOAD, size);
        }
        assertArrayEquals(payload, joined.toByteArray());
        assertEquals(1, nic.read(Statistics.TSCTC));
        assertEquals(expectedSegments, nic.read(Statistics.GPTC));
    }

    @Test
    void vlanTagInsertedWhenEnabled() {
        nic.setUpTransmit(8);
        nic.write(CTRL, nic.read(CTRL) | E1000.CTRL_VME);
        byte[] frame = TestFrames.ethernet(Nic.MAC, 0x0800, 80);
        nic.memory.write(Nic.TX_BUFFERS, frame);
        nic.writeTxDescriptor(0, Nic.TX_BUFFERS, frame.length | (EOP | RS | 0x40) << 24, 0x0123 << 16);
        nic.write(TDT, 1);
        byte[] sent = nic.backend.sent.get(0);
        assertEquals(frame.length + 4, sent.length);
        assertEquals(0x8100, BigEndian.getShort(sent, 12));
        assertEquals(0x0123, BigEndian.getShort(sent, 14));
        assertEquals(0x0800, BigEndian.getShort(sent, 16));
    }

    @Test
    void nothingIsSentWhileTransmitIsDisabledOrBusMasteringIsOff() {
        nic.setUpTransmit(8);
        nic.write(TCTL, 0);
        nic.queueLegacy(0, Nic.TX_BUFFERS, TestFrames.ethernet(Nic.MAC, 0x88b5, 60));
        nic.write(TDT, 1);
        assertEquals(0, nic.backend.sent.size());
        nic.pci.configWrite(dev.jkvm.devices.pci.PciDevice.COMMAND, 2, dev.jkvm.devices.pci.PciDevice.COMMAND_MEMORY);
        nic.write(TCTL, E1000.TCTL_EN);
        assertEquals(0, nic.backend.sent.size());
        nic.pci.configWrite(dev.jkvm.devices.pci.PciDevice.COMMAND, 2,
                dev.jkvm.devices.pci.PciDevice.COMMAND_MEMORY | dev.jkvm.devices.pci.PciDevice.COMMAND_BUS_MASTER);
        nic.write(TCTL, E1000.TCTL_EN);
        assertEquals(1, nic.backend.sent.size());
    }
}
