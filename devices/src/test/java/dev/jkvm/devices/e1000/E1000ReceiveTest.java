package dev.jkvm.devices.e1000;

import dev.jkvm.devices.net.BigEndian;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.zip.CRC32;

import static dev.jkvm.devices.e1000.Registers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class E1000ReceiveTest {
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    private static final byte[] OTHER = {0x52, 0x54, 0x00, 0x00, 0x00, 0x01};
    private static final int BSIZE_256 = 3 << Receiver.RCTL_BSIZE_SHIFT;

    private final Nic nic = new Nic();

    @AfterEach
    void close() {
        nic.close();
    }

    @Test
    void frameLandsInTheNextBufferWithFcsAndStatus() {
        nic.setUpReceive(8, 0);
        nic.write(IMS, Interrupts.RXT0);
        nic.read(ICR);
        byte[] frame = TestFrames.ethernet(Nic.MAC, 0x88b5, 200);
        assertTrue(nic.backend.offer(frame));
        assertEquals(frame.length + 4, nic.rxLength(0), "the 82540 keeps the FCS");
        assertEquals(Receiver.STATUS_DD | Receiver.STATUS_EOP | ReceiveChecksum.STATUS_IXSM, nic.rxStatus(0));
        byte[] stored = nic.rxBuffer(0, 2048, frame.length + 4);
        assertArrayEquals(frame, Arrays.copyOf(stored, frame.length));
        CRC32 crc = new CRC32();
        crc.update(frame);
        long fcs = (stored[frame.length] & 0xffL) | (stored[frame.length + 1] & 0xffL) << 8
                | (stored[frame.length + 2] & 0xffL) << 16 | (stored[frame.length + 3] & 0xffL) << 24;
        assertEquals(crc.getValue(), fcs);
        assertEquals(1, nic.read(RDH));
        assertTrue(nic.irq.level());
        assertEquals(Interrupts.RXT0, nic.read(ICR) & Interrupts.RXT0);
        assertEquals(1, nic.read(Statistics.GPRC));
        assertEquals(1, nic.read(Statistics.TPR));
        assertEquals(frame.length + 4, nic.read(Statistics.GORCL));
        assertEquals(0, nic.read(Statistics.GORCH));
        assertEquals(0, nic.read(Statistics.GORCL), "cleared");
    }

    @Test
    void shortFramesArePaddedAndSecrcStripsTheFcs() {
        nic.setUpReceive(8, E1000.RCTL_SECRC);
        assertTrue(nic.backend.offer(TestFrames.ethernet(Nic.MAC, 0x88b5, 10)));
        assertEquals(60, nic.rxLength(0));
    }

    @Test
    void checksumOffloadReportsTcpVerdicts() {
        nic.setUpReceive(8, 0);
        nic.write(RXCSUM, ReceiveChecksum.RXCSUM_TUOFLD | ReceiveChecksum.RXCSUM_IPOFLD);
        byte[] good = TestFrames.tcp(new byte[100], 1, 0x10, false);
        Segmenter.insertChecksum(good, good.length, TestFrames.TCP, 0, TestFrames.TCP + 16, 0);
        assertTrue(TestFrames.tcpChecksumValid(good));
        nic.backend.offer(good);
        int status = nic.rxStatus(0);
        assertEquals(ReceiveChecksum.STATUS_TCPCS | ReceiveChecksum.STATUS_IPCS,
                status & (ReceiveChecksum.STATUS_TCPCS | ReceiveChecksum.STATUS_IPCS | ReceiveChecksum.STATUS_IXSM));
        assertEquals(0, nic.memory.readByte(Nic.RX_RING + 13));
        good[TestFrames.TCP_PAYLOAD] ^= 1;
        nic.backend.offer(good);
        assertEquals(ReceiveChecksum.ERROR_TCPE, nic.memory.readByte(Nic.RX_RING + 16 + 13) & 0xff);
    }

    @Test
    void longFramesSpanDescriptorsWithEopOnTheLast() {
        nic.setUpReceive(8, BSIZE_256);
        byte[] frame = TestFrames.ethernet(Nic.MAC, 0x88b5, 586); // 600 bytes + FCS: three 256-byte buffers
        assertTrue(nic.backend.offer(frame));
        assertEquals(256, nic.rxLength(0));
        assertEquals(256, nic.rxLength(1));
        assertEquals(600 + 4 - 512, nic.rxLength(2));
        assertEquals(Receiver.STATUS_DD, nic.rxStatus(0));
        assertEquals(Receiver.STATUS_DD, nic.rxStatus(1));
        assertTrue((nic.rxStatus(2) & Receiver.STATUS_EOP) != 0);
        byte[] joined = new byte[600];
        nic.memory.read(Nic.RX_BUFFERS, joined, 0, 600); // the buffers are contiguous in this test
        assertArrayEquals(frame, joined);
        assertEquals(3, nic.read(RDH));
    }

    @Test
    void noBuffersHoldsTheFrameUntilTheGuestPostsMore() {
        nic.setUpReceive(8, 0); // seven descriptors posted
        nic.write(IMS, Interrupts.RXDMT0);
        for (int i = 0; i < 7; i++) assertTrue(nic.backend.offer(TestFrames.ethernet(Nic.MAC, 0x88b5, 100)));
        assertTrue((nic.read(ICR) & Interrupts.RXDMT0) != 0, "ring ran below its minimum threshold");
        byte[] held = TestFrames.ethernet(Nic.MAC, 0x88b5, 101);
        assertFalse(nic.backend.offer(held));
        assertEquals(1, nic.read(Statistics.RNBC));
        assertEquals(0, nic.backend.roomNotifications());
        nic.write(RDT, 0); // the guest returns descriptor 7
        assertEquals(1, nic.backend.roomNotifications());
        assertTrue(nic.backend.offer(held));
        assertEquals(held.length + 4, nic.rxLength(7));
    }

    @Test
    void addressFilteringFollowsRctlAndTheTables() {
        nic.setUpReceive(16, 0);
        assertTrue(nic.backend.offer(TestFrames.ethernet(OTHER, 0x88b5, 50)));
        assertEquals(0, nic.read(RDH), "another station's unicast is dropped");
        nic.backend.offer(TestFrames.ethernet(BROADCAST, 0x88b5, 50));
        assertEquals(1, nic.read(RDH), "broadcast accepted with BAM");
        byte[] multicast = {0x01, 0x00, 0x5e, 0x00, 0x00, (byte) 0xfb};
        nic.backend.offer(TestFrames.ethernet(multicast, 0x88b5, 50));
        assertEquals(1, nic.read(RDH), "multicast not in the table");
        int hash = ((multicast[4] & 0xff) >>> 4 | (multicast[5] & 0xff) << 4) & 0xfff; // MO = 0: bits 47:36
        nic.write(MTA + 4 * (hash >>> 5), 1 << (hash & 31));
        nic.backend.offer(TestFrames.ethernet(multicast, 0x88b5, 50));
        assertEquals(2, nic.read(RDH));
        nic.write(RCTL, nic.read(RCTL) | AddressFilter.RCTL_UPE);
        nic.backend.offer(TestFrames.ethernet(OTHER, 0x88b5, 50));
        assertEquals(3, nic.read(RDH), "unicast promiscuous");
        nic.write(RCTL, E1000.RCTL_EN);
        nic.backend.offer(TestFrames.ethernet(BROADCAST, 0x88b5, 50));
        assertEquals(3, nic.read(RDH), "broadcast dropped without BAM");
        nic.write(RA + 8, 0x00005452);
        nic.write(RA + 12, 0x0100 | AddressFilter.RAH_ADDRESS_VALID);
        nic.backend.offer(TestFrames.ethernet(OTHER, 0x88b5, 50));
        assertEquals(4, nic.read(RDH), "second receive address");
    }

    @Test
    void oversizedFramesAreDroppedWithoutLongPacketEnable() {
        nic.setUpReceive(8, 0);
        assertTrue(nic.backend.offer(TestFrames.ethernet(Nic.MAC, 0x88b5, 1600)));
        assertEquals(0, nic.read(RDH));
        assertEquals(1, nic.read(Statistics.ROC));
    }

    @Test
    void vlanTagIsStrippedIntoTheDescriptorWhenEnabled() {
        nic.setUpReceive(8, 0);
        nic.write(CTRL, nic.read(CTRL) | E1000.CTRL_VME);
        byte[] frame = TestFrames.ethernet(Nic.MAC, 0x8100, 100);
        BigEndian.putShort(frame, 14, 0x0045);
        BigEndian.putShort(frame, 16, 0x0800);
        nic.backend.offer(frame);
        assertEquals(frame.length, nic.rxLength(0), "four bytes of tag out, four of FCS in");
        assertTrue((nic.rxStatus(0) & Receiver.STATUS_VP) != 0);
        assertEquals(0x0045, nic.memory.readShort(Nic.RX_RING + 14));
        assertEquals(0x0800, BigEndian.getShort(nic.rxBuffer(0, 2048, 14), 12));
    }

    @Test
    void framesAreDroppedWhileTheReceiverIsDisabled() {
        nic.setUpReceive(8, 0);
        nic.write(RCTL, 0);
        assertTrue(nic.backend.offer(TestFrames.ethernet(Nic.MAC, 0x88b5, 100)));
        assertEquals(0, nic.read(RDH));
    }
}
