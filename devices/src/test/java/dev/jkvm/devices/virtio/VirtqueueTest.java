package dev.jkvm.devices.virtio;

import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.virtio.RingDriver.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtqueueTest {
    private static final int SIZE = 16;
    private static final long BEYOND_RAM = TestMemory.SIZE + 0x1000;

    private final GuestMemory memory = TestMemory.create();
    private final RingDriver driver = new RingDriver(memory, 0x10000, SIZE, 0x10000);
    private final Virtqueue queue = new Virtqueue(0, memory);

    private void start(long features) {
        queue.setSize(SIZE);
        queue.setDescriptorTable(driver.descriptorTable());
        queue.setAvailRing(driver.availRing());
        queue.setUsedRing(driver.usedRing());
        queue.enable();
        queue.setFeatures(features);
    }

    private void startWithRingFeatures() {
        start(VirtioFeatures.COMMON);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void chainSplitsIntoReadableThenWritableBytes() throws Exception {
        startWithRingFeatures();
        long in = driver.alloc(ascii("hello, "));
        long in2 = driver.alloc(ascii("world"));
        long out = driver.alloc(32);
        int head = driver.chain(Buffer.readable(in, 7), Buffer.readable(in2, 5), Buffer.writable(out, 32));
        driver.makeAvailable(head);

        DescriptorChain chain = queue.pop();
        assertEquals(head, chain.head());
        assertEquals(12, chain.readable().length());
        assertEquals(32, chain.writable().length());
        byte[] bytes = new byte[12];
        chain.readable().read(0, bytes, 0, 12);
        assertArrayEquals(ascii("hello, world"), bytes);
        chain.writable().write(30, ascii("ok"), 0, 2);
        assertEquals('o', memory.readByte(out + 30));
        assertNull(queue.pop());

        queue.addUsed(head, 32);
        assertTrue(driver.takeUsed().isEmpty(), "not visible before publishing");
        assertTrue(queue.publishUsed());
        assertEquals(List.of(new RingDriver.Used(head, 32)), driver.takeUsed());
    }

    @Test
    void rangesOfAChainCrossBufferBoundaries() throws Exception {
        startWithRingFeatures();
        long a = driver.alloc(ascii("abc"));
        long b = driver.alloc(ascii("defg"));
        driver.makeAvailable(driver.chain(Buffer.readable(a, 3), Buffer.readable(b, 4)));
        GuestBuffers middle = queue.pop().readable().range(2, 3);
        assertEquals(List.of(new GuestBuffers.Range(a + 2, 1), new GuestBuffers.Range(b, 2)), middle.ranges());
        byte[] bytes = new byte[3];
        middle.read(0, bytes, 0, 3);
        assertArrayEquals(ascii("cde"), bytes);
    }

    @Test
    void nothingIsPoppedBeforeEnableOrFromAnEmptyRing() throws Exception {
        driver.makeAvailable(driver.chain(Buffer.readable(driver.alloc(8), 8)));
        assertNull(queue.pop(), "disabled");
        startWithRingFeatures();
        assertEquals(0, queue.pop().head());
        assertNull(queue.pop());
    }

    @Test
    void zeroLengthDescriptorsAreSkipped() throws Exception {
        startWithRingFeatures();
        driver.makeAvailable(driver.chain(Buffer.readable(BEYOND_RAM, 0), Buffer.writable(driver.alloc(4), 4)));
        DescriptorChain chain = queue.pop();
        assertEquals(0, chain.readable().length());
        assertEquals(4, chain.writable().length());
    }

    @Test
    void indirectTableIsFollowedWhenNegotiated() throws Exception {
        startWithRingFeatures();
        long in = driver.alloc(ascii("header"));
        long out = driver.alloc(100);
        int head = driver.indirectChain(Buffer.readable(in, 6), Buffer.writable(out, 100));
        driver.makeAvailable(head);
        DescriptorChain chain = queue.pop();
        assertEquals(head, chain.head());
        assertEquals(6, chain.readable().length());
        assertEquals(100, chain.writable().length());
    }

    @Test
    void indirectTableWithoutTheFeatureIsMalformed() {
        start(VirtioFeatures.bit(VirtioFeatures.VERSION_1));
        driver.makeAvailable(driver.indirectChain(Buffer.readable(driver.alloc(8), 8)));
        assertThrows(MalformedQueueException.class, queue::pop);
    }

    @Test
    void nestedIndirectTableIsMalformed() {
        startWithRingFeatures();
        long inner = driver.alloc(16);
        driver.writeDescriptor(inner, 0, driver.alloc(8), 8, 0, 0);
        long outer = driver.alloc(16);
        driver.writeDescriptor(outer, 0, inner, 16, RingDriver.INDIRECT, 0);
        driver.writeDescriptor(driver.descriptorTable(), 0, outer, 16, RingDriver.INDIRECT, 0);
        driver.makeAvailable(0);
        assertThrows(MalformedQueueException.class, queue::pop);
    }

    @Test
    void indirectDescriptorWithNextOrABadLengthIsMalformed() {
        startWithRingFeatures();
        long table = driver.alloc(32);
        driver.writeDescriptor(table, 0, driver.alloc(8), 8, 0, 0);
        driver.writeDescriptor(driver.descriptorTable(), 0, table, 16, RingDriver.INDIRECT | RingDriver.NEXT, 1);
        driver.writeDescriptor(driver.descriptorTable(), 1, table, 17, RingDriver.INDIRECT, 0);
        driver.writeDescriptor(driver.descriptorTable(), 2, table, 0, RingDriver.INDIRECT, 0);
        driver.writeDescriptor(driver.descriptorTable(), 3, BEYOND_RAM, 32, RingDriver.INDIRECT, 0);
        for (int head = 0; head < 4; head++) {
            driver.makeAvailable(head);
            assertThrows(MalformedQueueException.class, queue::pop, "head " + head);
        }
    }

    @Test
    void loopingChainsFailInsteadOfSpinning() {
        startWithRingFeatures();
        long buffer = driver.alloc(8);
        driver.writeDescriptor(driver.descriptorTable(), 0, buffer, 8, RingDriver.NEXT, 1);
        driver.writeDescriptor(driver.descriptorTable(), 1, buffer, 8, RingDriver.NEXT, 0);
        driver.makeAvailable(0);
        assertThrows(MalformedQueueException.class, queue::pop);

        long table = driver.alloc(32);
        driver.writeDescriptor(table, 0, buffer, 8, RingDriver.NEXT, 1);
        driver.writeDescriptor(table, 1, buffer, 8, RingDriver.NEXT, 1);
        driver.writeDescriptor(driver.descriptorTable(), 2, table, 32, RingDriver.INDIRECT, 0);
        driver.makeAvailable(2);
        assertThrows(MalformedQueueException.class, queue::pop);
    }

    @Test
    void descriptorsOutsideRamOrTheTableAreMalformed() {
        startWithRingFeatures();
        driver.writeDescriptor(driver.descriptorTable(), 0, BEYOND_RAM, 8, 0, 0);
        driver.writeDescriptor(driver.descriptorTable(), 1, TestMemory.SIZE - 4, 8, 0, 0);
        driver.writeDescriptor(driver.descriptorTable(), 2, 0x1000, 0xffffffff, 0, 0);
        driver.writeDescriptor(driver.descriptorTable(), 3, -16, 8, 0, 0);
        driver.writeDescriptor(driver.descriptorTable(), 4, 0x1000, 8, RingDriver.NEXT, SIZE);
        for (int head = 0; head < 5; head++) {
            driver.makeAvailable(head);
            assertThrows(MalformedQueueException.class, queue::pop, "head " + head);
        }
        driver.makeAvailable(SIZE + 3);
        assertThrows(MalformedQueueException.class, queue::pop, "head index past the table");
    }

    @Test
    void readableAfterWritableIsMalformed() {
        startWithRingFeatures();
        driver.makeAvailable(driver.chain(Buffer.writable(driver.alloc(8), 8), Buffer.readable(driver.alloc(8), 8)));
        assertThrows(MalformedQueueException.class, queue::pop);
    }

    @Test
    void availIndexRunningAheadByMoreThanTheRingIsMalformed() {
        startWithRingFeatures();
        memory.writeShort(driver.availRing() + 2, (short) (SIZE + 1));
        assertThrows(MalformedQueueException.class, queue::pop);
    }

    @Test
    void ringsOutsideRamOrMisalignedFailOnUse() {
        queue.setDescriptorTable(BEYOND_RAM);
        queue.setAvailRing(driver.availRing());
        queue.setUsedRing(driver.usedRing());
        queue.enable();
        assertThrows(MalformedQueueException.class, queue::pop);
        assertFalse(queue.publishUsed());

        queue.reset();
        queue.setDescriptorTable(driver.descriptorTable() + 8);
        queue.setAvailRing(driver.availRing());
        queue.setUsedRing(driver.usedRing());
        queue.enable();
        assertThrows(MalformedQueueException.class, queue::pop);
    }

    @Test
    void sizeMustBeAPowerOfTwoNoLargerThanTheMaximumAndIsFixedOnceEnabled() {
        queue.setSize(12);
        queue.setSize(512);
        queue.setSize(0);
        assertEquals(Virtqueue.MAX_SIZE, queue.size());
        queue.setSize(64);
        assertEquals(64, queue.size());
        queue.enable();
        queue.setSize(32);
        queue.setDescriptorTable(0x5000);
        assertEquals(64, queue.size());
        assertEquals(0, queue.descriptorTable());
        queue.reset();
        assertEquals(Virtqueue.MAX_SIZE, queue.size());
        assertFalse(queue.enabled());
    }

    @Test
    void undoPopGivesChainsBack() throws Exception {
        startWithRingFeatures();
        driver.makeAvailable(driver.chain(Buffer.writable(driver.alloc(8), 8)));
        driver.makeAvailable(driver.chain(Buffer.writable(driver.alloc(8), 8)));
        assertEquals(0, queue.pop().head());
        assertEquals(1, queue.pop().head());
        queue.undoPop(2);
        assertEquals(0, queue.pop().head());
    }

    @Test
    void withoutEventIndexTheNoInterruptFlagSuppressesNotifications() throws Exception {
        start(VirtioFeatures.bit(VirtioFeatures.VERSION_1));
        driver.makeAvailable(driver.chain(Buffer.writable(driver.alloc(8), 8)));
        driver.makeAvailable(driver.chain(Buffer.writable(driver.alloc(8), 8)));
        queue.addUsed(queue.pop().head(), 0);
        assertTrue(queue.publishUsed());
        assertFalse(queue.publishUsed(), "nothing new to publish");
        driver.setNoInterrupt(true);
        queue.addUsed(queue.pop().head(), 0);
        assertFalse(queue.publishUsed());
        assertEquals(2, driver.takeUsed().size());
    }

    @Test
    void eventIndexNotifiesOnlyWhenUsedEventIsPassed() throws Exception {
        startWithRingFeatures();
        for (int i = 0; i < 4; i++) driver.makeAvailable(driver.chain(Buffer.writable(driver.alloc(8), 8)));
        driver.setUsedEvent(0);
        queue.addUsed(queue.pop().head(), 0);
        assertTrue(queue.publishUsed(), "used_event 0 asks for the first completion");
        queue.addUsed(queue.pop().head(), 0);
        assertFalse(queue.publishUsed(), "entry 1 is past used_event 0, already notified");
        driver.setUsedEvent(3);
        queue.addUsed(queue.pop().head(), 0);
        assertFalse(queue.publishUsed(), "entry 2 is before used_event 3");
        queue.addUsed(queue.pop().head(), 0);
        assertTrue(queue.publishUsed(), "entry 3 is the one the driver waits for");
        assertEquals(4, driver.takeUsed().size());
    }

    @Test
    void eventIndexBatchCoveringUsedEventNotifiesOnce() throws Exception {
        startWithRingFeatures();
        for (int i = 0; i < 3; i++) driver.makeAvailable(driver.chain(Buffer.writable(driver.alloc(8), 8)));
        driver.setUsedEvent(1);
        for (int i = 0; i < 3; i++) queue.addUsed(queue.pop().head(), 0);
        assertTrue(queue.publishUsed());
        assertFalse(queue.publishUsed());
    }

    @Test
    void drainingTheRingPublishesAvailEvent() throws Exception {
        startWithRingFeatures();
        for (int i = 0; i < 3; i++) driver.makeAvailable(driver.chain(Buffer.writable(driver.alloc(8), 8)));
        assertEquals(0, driver.availEvent());
        while (queue.pop() != null) {
            assertEquals(0, driver.availEvent(), "not moved while there is work");
        }
        assertEquals(3, driver.availEvent(), "notify me at the next buffer");
    }
}
