package dev.jkvm.devices.virtio.net;

import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.virtio.DeviceStatus;
import dev.jkvm.devices.virtio.RingDriver;
import dev.jkvm.devices.virtio.RingDriver.Buffer;
import dev.jkvm.devices.virtio.TestMemory;
import dev.jkvm.devices.virtio.VirtioFeatures;
import dev.jkvm.devices.virtio.pci.FakePciDriver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.jkvm.devices.virtio.net.VirtioNet.RX_QUEUE;
import static dev.jkvm.devices.virtio.net.VirtioNet.TX_QUEUE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtioNetTest {
    private static final long ALL = -1L;
    private static final byte[] MAC = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

    private final GuestMemory memory = TestMemory.create();
    private final LoopbackBackend wire = new LoopbackBackend();
    private final VirtioNet nic = new VirtioNet(wire, MAC);
    private final FakePciDriver driver = new FakePciDriver(memory, nic);

    private record Posted(int head, long address, int length) {}

    private final List<Posted> posted = new ArrayList<>();

    private void postReceiveBuffers(int count, int length) {
        RingDriver rx = driver.ring(RX_QUEUE);
        for (int i = 0; i < count; i++) {
            long address = rx.alloc(length);
            int head = rx.chain(Buffer.writable(address, length));
            posted.add(new Posted(head, address, length));
            rx.makeAvailable(head);
        }
        driver.notify(RX_QUEUE);
    }

    private void transmit(byte[] frame) {
        RingDriver tx = driver.ring(TX_QUEUE);
        long header = tx.alloc(NetHeader.SIZE);
        tx.makeAvailable(tx.chain(Buffer.readable(header, NetHeader.SIZE), Buffer.readable(tx.alloc(frame), frame.length)));
        driver.notify(TX_QUEUE);
    }

    private static byte[] frame(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte) (i + seed);
        return bytes;
    }

    /** Reassembles received packets from the used ring as Linux's receive_mergeable does. */
    private List<byte[]> received() {
        List<RingDriver.Used> used = new ArrayList<>(driver.ring(RX_QUEUE).takeUsed());
        List<byte[]> packets = new ArrayList<>();
        while (!used.isEmpty()) {
            RingDriver.Used first = used.removeFirst();
            Posted buffer = posted.stream().filter(p -> p.head() == first.head()).findFirst().orElseThrow();
            int buffers = memory.readShort(buffer.address() + 10) & 0xffff;
            byte[] packet = new byte[first.length()];
            memory.read(buffer.address(), packet, 0, first.length());
            for (int i = 1; i < buffers; i++) {
                RingDriver.Used next = used.removeFirst();
                Posted more = posted.stream().filter(p -> p.head() == next.head()).findFirst().orElseThrow();
                int at = packet.length;
                packet = Arrays.copyOf(packet, at + next.length());
                memory.read(more.address(), packet, at, next.length());
            }
            packets.add(Arrays.copyOfRange(packet, NetHeader.SIZE, packet.length));
        }
        return packets;
    }

    @Test
    void offersMacStatusMergeableBuffersAndTransmitOffloadsOnly() {
        long features = driver.deviceFeatures();
        assertEquals(VirtioFeatures.COMMON | VirtioFeatures.bit(VirtioNet.F_MAC) | VirtioFeatures.bit(VirtioNet.F_STATUS)
                | VirtioFeatures.bit(VirtioNet.F_MRG_RXBUF) | VirtioFeatures.bit(VirtioNet.F_CSUM)
                | VirtioFeatures.bit(VirtioNet.F_HOST_TSO4) | VirtioFeatures.bit(VirtioNet.F_HOST_TSO6)
                | VirtioFeatures.bit(VirtioNet.F_HOST_ECN), features);
        for (int i = 0; i < 6; i++) assertEquals(MAC[i] & 0xff, driver.deviceConfig(i, 1));
        assertEquals(VirtioNet.S_LINK_UP, driver.deviceConfig(6, 2));
        assertEquals(0x020000, driver.config(0x08, 4) >>> 8);
    }

    @Test
    void transmittedFramesLoseTheHeaderAndComeBackWithOne() {
        driver.initialize(ALL, true, 0);
        postReceiveBuffers(4, 1526);
        byte[] frame = frame(60, 1);
        transmit(frame);
        assertEquals(1, wire.sent.size());
        assertArrayEquals(frame, wire.sent.getFirst());
        assertEquals(List.of(new RingDriver.Used(0, 0)), driver.ring(TX_QUEUE).takeUsed());
        List<byte[]> packets = received();
        assertEquals(1, packets.size());
        assertArrayEquals(frame, packets.getFirst());
        assertEquals(List.of(FakePciDriver.message(1), FakePciDriver.message(2)), driver.msi().take(), "the loopback receives before tx completes");
    }

    @Test
    void mergeableBuffersCarryALargeFrameWithNumBuffers() {
        driver.initialize(ALL, true, 0);
        postReceiveBuffers(8, 1000);
        byte[] frame = frame(2500, 7);
        wire.inject(frame);
        RingDriver.Used[] used = driver.ring(RX_QUEUE).takeUsed().toArray(new RingDriver.Used[0]);
        assertEquals(3, used.length);
        assertEquals(1000, used[0].length());
        assertEquals(1000, used[1].length());
        assertEquals(512, used[2].length());
        assertEquals(3, memory.readShort(posted.getFirst().address() + 10));
        assertEquals(List.of(FakePciDriver.message(1)), driver.msi().take(), "one interrupt for the whole frame");
    }

    @Test
    void mergeableFrameAssemblesToTheOriginal() {
        driver.initialize(ALL, true, 0);
        postReceiveBuffers(8, 1000);
        byte[] frame = frame(2500, 9);
        wire.inject(frame);
        assertArrayEquals(frame, received().getFirst());
    }

    @Test
    void framesWaitForBuffersAndArriveWhenTheDriverPostsThem() {
        driver.initialize(ALL, true, 0);
        postReceiveBuffers(1, 1000);
        wire.inject(frame(1500, 2));
        assertEquals(1, wire.heldFrames(), "one buffer is not enough: nothing taken");
        assertEquals(List.of(), driver.ring(RX_QUEUE).takeUsed());
        int reports = wire.roomReports;
        postReceiveBuffers(1, 1000);
        assertEquals(reports + 1, wire.roomReports);
        assertEquals(0, wire.heldFrames());
        assertEquals(2, driver.ring(RX_QUEUE).takeUsed().size(), "the buffer given back earlier was reused");
    }

    @Test
    void withoutMergeableBuffersAFrameNeedsOneLargeEnoughBuffer() {
        driver.initialize(ALL & ~VirtioFeatures.bit(VirtioNet.F_MRG_RXBUF), true, 0);
        postReceiveBuffers(1, 100);
        postReceiveBuffers(1, 1600);
        wire.inject(frame(1000, 0));
        wire.inject(frame(200, 0));
        List<RingDriver.Used> used = driver.ring(RX_QUEUE).takeUsed();
        assertEquals(List.of(new RingDriver.Used(0, 0), new RingDriver.Used(1, 212)), used,
                "too small a buffer drops the frame and comes back empty");
        assertEquals(1, memory.readShort(posted.get(1).address() + 10), "num_buffers is 1");
    }

    @Test
    void linkChangesRaiseConfigInterruptsAndDownLinkDropsFrames() {
        driver.initialize(ALL, true, 0);
        postReceiveBuffers(2, 1526);
        driver.msi().take();
        nic.setLinkUp(false);
        assertEquals(0, driver.deviceConfig(6, 2));
        assertEquals(List.of(FakePciDriver.message(0)), driver.msi().take());
        transmit(frame(60, 0));
        assertEquals(List.of(), wire.sent);
        assertEquals(1, driver.ring(TX_QUEUE).takeUsed().size(), "dropped frames still complete");
        wire.inject(frame(60, 0));
        assertEquals(0, wire.heldFrames());
        assertEquals(List.of(), driver.ring(RX_QUEUE).takeUsed());
        nic.setLinkUp(true);
        assertEquals(VirtioNet.S_LINK_UP, driver.deviceConfig(6, 2));
        assertTrue(driver.msi().take().contains(FakePciDriver.message(0)));
    }

    @Test
    void shortTransmitChainsAreDroppedAndFramesBeforeDriverOkWait() {
        wire.inject(frame(60, 0));
        assertEquals(1, wire.heldFrames(), "no driver yet");
        driver.initialize(ALL, true, 0);
        RingDriver tx = driver.ring(TX_QUEUE);
        tx.makeAvailable(tx.chain(Buffer.readable(tx.alloc(8), 8)));
        driver.notify(TX_QUEUE);
        assertEquals(List.of(), wire.sent);
        assertEquals(1, tx.takeUsed().size());
        postReceiveBuffers(1, 1526);
        assertEquals(0, wire.heldFrames());
    }

    @Test
    void malformedReceiveBufferNeedsResetAndTheFrameWaits() {
        driver.initialize(ALL, true, 0);
        RingDriver rx = driver.ring(RX_QUEUE);
        rx.writeDescriptor(rx.descriptorTable(), 0, TestMemory.SIZE, 1500, RingDriver.WRITE, 0);
        rx.makeAvailable(0);
        driver.notify(RX_QUEUE);
        wire.inject(frame(60, 0));
        assertEquals(DeviceStatus.DEVICE_NEEDS_RESET, driver.status() & DeviceStatus.DEVICE_NEEDS_RESET);
        assertEquals(1, wire.heldFrames());
        driver.initialize(ALL, true, 0);
        postReceiveBuffers(1, 1526);
        assertEquals(0, wire.heldFrames());
    }
}
