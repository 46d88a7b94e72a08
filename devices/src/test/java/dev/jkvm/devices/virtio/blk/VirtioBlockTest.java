package dev.jkvm.devices.virtio.blk;

import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.virtio.DeviceStatus;
import dev.jkvm.devices.virtio.RingDriver;
import dev.jkvm.devices.virtio.RingDriver.Buffer;
import dev.jkvm.devices.virtio.TestMemory;
import dev.jkvm.devices.virtio.VirtioFeatures;
import dev.jkvm.devices.virtio.pci.FakePciDriver;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import static dev.jkvm.devices.virtio.blk.BlockRequests.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtioBlockTest {
    private static final int SECTORS = 64;
    private static final long ALL = -1L;

    private final GuestMemory memory = TestMemory.create();
    private MemoryBlockBackend backend = new MemoryBlockBackend(SECTORS, false);
    private FakePciDriver driver = new FakePciDriver(memory, new VirtioBlock(backend));

    private void readOnlyDisk() {
        backend = new MemoryBlockBackend(SECTORS, true);
        driver = new FakePciDriver(memory, new VirtioBlock(backend));
    }

    private RingDriver ring() {
        return driver.ring(0);
    }

    private long header(int type, long sector) {
        return ring().alloc(ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN).putInt(0, type).putLong(8, sector).array());
    }

    private record Completion(byte status, int usedLength) {}

    /** Submits a chain (or its indirect form) whose last writable byte is the status; returns the used entry. */
    private Completion submit(boolean indirect, Buffer... buffers) {
        long status = buffers[buffers.length - 1].address();
        memory.writeByte(status, (byte) 0x55);
        ring().makeAvailable(indirect ? ring().indirectChain(buffers) : ring().chain(buffers));
        driver.notify(0);
        List<RingDriver.Used> used = ring().takeUsed();
        assertEquals(1, used.size());
        return new Completion(memory.readByte(status), used.getFirst().length());
    }

    private Completion submit(Buffer... buffers) {
        return submit(false, buffers);
    }

    private Buffer statusByte() {
        return Buffer.writable(ring().alloc(1), 1);
    }

    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte) (i * 7 + seed);
        return bytes;
    }

    @Test
    void configurationDescribesTheDisk() {
        long features = driver.deviceFeatures();
        for (int f : new int[] {VirtioBlock.F_SIZE_MAX, VirtioBlock.F_SEG_MAX, VirtioBlock.F_BLK_SIZE, VirtioBlock.F_FLUSH,
                VirtioBlock.F_DISCARD, VirtioBlock.F_WRITE_ZEROES, VirtioFeatures.VERSION_1}) {
            assertTrue(VirtioFeatures.has(features, f), "feature " + f);
        }
        assertEquals(0, features & VirtioFeatures.bit(VirtioBlock.F_RO));
        assertEquals(SECTORS, driver.deviceConfig(0, 8));
        assertEquals(SECTORS, driver.deviceConfig(0, 4));
        assertEquals(VirtioBlock.SIZE_MAX, driver.deviceConfig(8, 4));
        assertEquals(VirtioBlock.SEG_MAX, driver.deviceConfig(12, 4));
        assertEquals(512, driver.deviceConfig(20, 4));
        assertEquals(MAX_RANGES, driver.deviceConfig(40, 4));
        assertEquals(0x018000, driver.config(0x08, 4) >>> 8, "other mass storage controller");
    }

    @Test
    void writesThenReadsBackAcrossSegmentsWithStatusAndUsedLength() {
        driver.initialize(ALL, true, 0);
        byte[] data = pattern(3 * 512, 1);
        // Segments of 700 and 836 bytes: the second sector straddles them.
        long a = ring().alloc(Arrays.copyOfRange(data, 0, 700));
        long b = ring().alloc(Arrays.copyOfRange(data, 700, 1536));
        Completion write = submit(Buffer.readable(header(T_OUT, 5), HEADER_SIZE), Buffer.readable(a, 700), Buffer.readable(b, 836), statusByte());
        assertEquals(new Completion(S_OK, 1), write);
        assertArrayEquals(data, Arrays.copyOfRange(backend.disk, 5 * 512, 8 * 512));
        assertEquals(List.of(FakePciDriver.message(1)), driver.msi().take());

        long c = ring().alloc(1024);
        long d = ring().alloc(512);
        Completion read = submit(Buffer.readable(header(T_IN, 5), HEADER_SIZE), Buffer.writable(c, 1024), Buffer.writable(d, 512), statusByte());
        assertEquals(new Completion(S_OK, 1537), read);
        byte[] back = new byte[1536];
        memory.read(c, back, 0, 1024);
        memory.read(d, back, 1024, 512);
        assertArrayEquals(data, back);
    }

    @Test
    void readsReportTheGuestRamTheyFilled() {
        driver.initialize(ALL, true, 0);
        BitSet reported = new BitSet();
        memory.setWriteObserver((address, length) -> reported.set((int) address, (int) (address + length)));
        long c = ring().alloc(1024);
        long d = ring().alloc(700);
        submit(Buffer.readable(header(T_IN, 0), HEADER_SIZE), Buffer.writable(c, 1024), Buffer.writable(d, 512), statusByte());
        // A software CPU drops code decoded from these bytes only if it hears of them.
        assertEquals(1024, reported.get((int) c, (int) c + 1024).cardinality());
        assertEquals(512, reported.get((int) d, (int) d + 700).cardinality());
    }

    @Test
    void indirectRequestsWork() {
        driver.initialize(ALL, true, 0);
        byte[] data = pattern(512, 3);
        Completion write = submit(true, Buffer.readable(header(T_OUT, 0), HEADER_SIZE), Buffer.readable(ring().alloc(data), 512), statusByte());
        assertEquals(S_OK, write.status());
        long in = ring().alloc(512);
        Completion read = submit(true, Buffer.readable(header(T_IN, 0), HEADER_SIZE), Buffer.writable(in, 512), statusByte());
        assertEquals(new Completion(S_OK, 513), read);
        byte[] back = new byte[512];
        memory.read(in, back, 0, 512);
        assertArrayEquals(data, back);
    }

    @Test
    void flushAndGetId() {
        driver.initialize(ALL, true, 0);
        assertEquals(new Completion(S_OK, 1), submit(Buffer.readable(header(T_FLUSH, 0), HEADER_SIZE), statusByte()));
        assertEquals(1, backend.flushes);
        long id = ring().alloc(ID_BYTES);
        assertEquals(new Completion(S_OK, 21), submit(Buffer.readable(header(T_GET_ID, 0), HEADER_SIZE), Buffer.writable(id, ID_BYTES), statusByte()));
        byte[] bytes = new byte[ID_BYTES];
        memory.read(id, bytes, 0, ID_BYTES);
        assertEquals("jkvm-test-disk\0\0\0\0\0\0", new String(bytes, StandardCharsets.US_ASCII));
    }

    @Test
    void requestsPastTheEndMisalignedOrUnknownFailWithAStatus() {
        driver.initialize(ALL, true, 0);
        long buffer = ring().alloc(1024);
        assertEquals(S_IOERR, submit(Buffer.readable(header(T_IN, SECTORS - 1), HEADER_SIZE), Buffer.writable(buffer, 1024), statusByte()).status());
        assertEquals(S_IOERR, submit(Buffer.readable(header(T_IN, SECTORS + 1), HEADER_SIZE), statusByte()).status());
        assertEquals(S_OK, submit(Buffer.readable(header(T_IN, SECTORS), HEADER_SIZE), statusByte()).status(), "empty read at the end");
        assertEquals(S_IOERR, submit(Buffer.readable(header(T_OUT, -1L), HEADER_SIZE), Buffer.readable(buffer, 512), statusByte()).status());
        assertEquals(S_IOERR, submit(Buffer.readable(header(T_IN, 0), HEADER_SIZE), Buffer.writable(buffer, 100), statusByte()).status());
        assertEquals(new Completion(S_UNSUPP, 1), submit(Buffer.readable(header(0x1234, 0), HEADER_SIZE), statusByte()));
        assertEquals(new Completion(S_UNSUPP, 1), submit(Buffer.readable(header(2, 0), HEADER_SIZE), statusByte()), "SCSI passthrough");
        assertEquals(S_IOERR, submit(Buffer.readable(ring().alloc(8), 8), statusByte()).status(), "header too short");
        backend.failing = true;
        assertEquals(S_IOERR, submit(Buffer.readable(header(T_FLUSH, 0), HEADER_SIZE), statusByte()).status());
        assertEquals(S_IOERR, submit(Buffer.readable(header(T_IN, 0), HEADER_SIZE), Buffer.writable(buffer, 512), statusByte()).status());
        assertEquals(0, driver.status() & DeviceStatus.DEVICE_NEEDS_RESET, "errors in requests are not errors of the queue");
    }

    @Test
    void readOnlyDiskRefusesWritesButReads() {
        readOnlyDisk();
        assertTrue(VirtioFeatures.has(driver.deviceFeatures(), VirtioBlock.F_RO));
        driver.initialize(ALL, true, 0);
        long buffer = ring().alloc(512);
        assertEquals(S_IOERR, submit(Buffer.readable(header(T_OUT, 0), HEADER_SIZE), Buffer.readable(buffer, 512), statusByte()).status());
        assertEquals(S_IOERR, submit(Buffer.readable(header(T_WRITE_ZEROES, 0), HEADER_SIZE), Buffer.readable(range(0, 1, 0), RANGE_SIZE), statusByte()).status());
        assertEquals(S_OK, submit(Buffer.readable(header(T_IN, 0), HEADER_SIZE), Buffer.writable(buffer, 512), statusByte()).status());
        assertEquals(S_OK, submit(Buffer.readable(header(T_FLUSH, 0), HEADER_SIZE), statusByte()).status());
    }

    private long range(long sector, int sectors, int flags) {
        return ring().alloc(ByteBuffer.allocate(RANGE_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(0, sector).putInt(8, sectors).putInt(12, flags).array());
    }

    @Test
    void discardAndWriteZeroesCheckEveryRangeFirst() {
        driver.initialize(ALL, true, 0);
        Arrays.fill(backend.disk, (byte) 0xaa);
        assertEquals(S_OK, submit(Buffer.readable(header(T_WRITE_ZEROES, 0), HEADER_SIZE),
                Buffer.readable(range(2, 2, 1), RANGE_SIZE), Buffer.readable(range(10, 1, 0), RANGE_SIZE), statusByte()).status());
        assertEquals(0, backend.disk[2 * 512]);
        assertEquals(0, backend.disk[4 * 512 - 1]);
        assertEquals((byte) 0xaa, backend.disk[4 * 512]);
        assertEquals(0, backend.disk[10 * 512]);

        assertEquals(S_UNSUPP, submit(Buffer.readable(header(T_DISCARD, 0), HEADER_SIZE), Buffer.readable(range(20, 1, 1), RANGE_SIZE), statusByte()).status(),
                "discard with unmap");
        assertEquals(S_IOERR, submit(Buffer.readable(header(T_DISCARD, 0), HEADER_SIZE),
                Buffer.readable(range(20, 1, 0), RANGE_SIZE), Buffer.readable(range(SECTORS, 1, 0), RANGE_SIZE), statusByte()).status());
        assertEquals((byte) 0xaa, backend.disk[20 * 512], "nothing done when one range is bad");
        assertEquals(S_IOERR, submit(Buffer.readable(header(T_DISCARD, 0), HEADER_SIZE), statusByte()).status(), "no range");
        assertEquals(S_OK, submit(Buffer.readable(header(T_DISCARD, 0), HEADER_SIZE), Buffer.readable(range(20, 1, 0), RANGE_SIZE), statusByte()).status());
        assertEquals(0, backend.disk[20 * 512]);
    }

    @Test
    void discardIsUnsupportedUnlessNegotiated() {
        driver.initialize(ALL & ~VirtioFeatures.bit(VirtioBlock.F_DISCARD), true, 0);
        assertEquals(S_UNSUPP, submit(Buffer.readable(header(T_DISCARD, 0), HEADER_SIZE), Buffer.readable(range(0, 1, 0), RANGE_SIZE), statusByte()).status());
    }

    @Test
    void requestWithoutStatusByteNeedsReset() {
        driver.initialize(ALL, true, 0);
        driver.msi().take();
        ring().makeAvailable(ring().chain(Buffer.readable(header(T_FLUSH, 0), HEADER_SIZE)));
        driver.notify(0);
        assertEquals(DeviceStatus.DEVICE_NEEDS_RESET, driver.status() & DeviceStatus.DEVICE_NEEDS_RESET);
        assertEquals(List.of(FakePciDriver.message(0)), driver.msi().take());
        assertEquals(List.of(), ring().takeUsed());
    }

    @Test
    void eventIndexSuppressesInterruptsUntilUsedEvent() {
        driver.initialize(ALL, true, 0);
        ring().setUsedEvent(2);
        for (int i = 0; i < 3; i++) {
            submit(Buffer.readable(header(T_FLUSH, 0), HEADER_SIZE), statusByte());
            assertEquals(i == 2 ? 1 : 0, driver.msi().take().size(), "request " + i);
        }
    }

    @Test
    void intxAndIsrWithoutMsix() {
        driver.initialize(ALL, false, 16);
        submit(Buffer.readable(header(T_FLUSH, 0), HEADER_SIZE), statusByte());
        assertTrue(driver.intx().level());
        assertEquals(1, driver.readIsr());
        assertEquals(false, driver.intx().level());
    }
}
