package dev.jkvm.devices.virtio;

import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.virtio.RingDriver.Buffer;
import dev.jkvm.devices.virtio.blk.MemoryBlockBackend;
import dev.jkvm.devices.virtio.blk.VirtioBlock;
import dev.jkvm.devices.virtio.net.LoopbackBackend;
import dev.jkvm.devices.virtio.net.VirtioNet;
import dev.jkvm.devices.virtio.pci.FakePciDriver;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hostile guest: random register and configuration writes, random ring contents and
 * notifications, against virtio-blk and virtio-net over PCI. Nothing may escape as an exception,
 * and after a reset and a normal probe each device works. Runs about 5 seconds; set
 * {@code -Djkvm.virtio.fuzz.seconds=N} to soak and {@code -Djkvm.virtio.fuzz.seed=S} to replay.
 */
class VirtioFuzzTest {
    private static final long ALL = -1L;
    private static final int ROUND_OPERATIONS = 300;
    private static final long RING_AREA = FakePciDriver.QUEUE_AREA;
    private static final long RING_AREA_SIZE = 2L * FakePciDriver.QUEUE_AREA_STRIDE;
    private static final int[] INTERESTING = {0, 1, 2, 3, 4, 0xf, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, -1};

    private final GuestMemory memory = TestMemory.create();

    @Test
    void randomGuestsCannotBreakTheDevices() {
        long seconds = Long.getLong("jkvm.virtio.fuzz.seconds", 5);
        long seed = Long.getLong("jkvm.virtio.fuzz.seed", new Random().nextLong());
        SplittableRandom random = new SplittableRandom(seed);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int rounds = 0;
        while (System.nanoTime() < deadline) {
            long roundSeed = random.nextLong();
            try {
                if (rounds % 2 == 0) fuzzBlock(new SplittableRandom(roundSeed));
                else fuzzNet(new SplittableRandom(roundSeed));
            } catch (Throwable t) {
                throw new AssertionError("round " + rounds + " (-Djkvm.virtio.fuzz.seed=" + seed + ") failed", t);
            }
            rounds++;
        }
        assertTrue(rounds > 0);
    }

    private void fuzzBlock(SplittableRandom random) {
        MemoryBlockBackend disk = new MemoryBlockBackend(32, random.nextBoolean());
        FakePciDriver driver = new FakePciDriver(memory, new VirtioBlock(disk));
        abuse(driver, random, () -> {});

        driver.initialize(ALL, random.nextBoolean(), 0);
        RingDriver ring = driver.ring(0);
        long header = ring.alloc(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 4).array());
        long status = ring.alloc(new byte[] {0x55});
        ring.makeAvailable(ring.chain(Buffer.readable(header, 16), Buffer.writable(status, 1)));
        driver.notify(0);
        assertEquals(1, ring.takeUsed().size());
        assertEquals(0, memory.readByte(status), "flush after reset");
        assertEquals(0, driver.status() & DeviceStatus.DEVICE_NEEDS_RESET);
    }

    private void fuzzNet(SplittableRandom random) {
        LoopbackBackend wire = new LoopbackBackend();
        VirtioNet nic = new VirtioNet(wire, new byte[] {0x52, 0x54, 0, 0, 0, 1});
        FakePciDriver driver = new FakePciDriver(memory, nic);
        abuse(driver, random, () -> {
            byte[] frame = new byte[random.nextInt(1, 3000)];
            random.nextBytes(frame);
            wire.inject(frame);
            if (random.nextInt(20) == 0) nic.setLinkUp(random.nextBoolean());
        });

        nic.setLinkUp(true);
        driver.initialize(ALL, random.nextBoolean(), 0);
        RingDriver tx = driver.ring(VirtioNet.TX_QUEUE);
        int before = wire.sent.size();
        tx.makeAvailable(tx.chain(Buffer.readable(tx.alloc(new byte[12]), 12), Buffer.readable(tx.alloc(new byte[60]), 60)));
        driver.notify(VirtioNet.TX_QUEUE);
        assertEquals(before + 1, wire.sent.size(), "transmit after reset");
        assertEquals(List.of(new RingDriver.Used(0, 0)), tx.takeUsed());
    }

    /** Random operations; half the rounds start from a properly initialized device so the queues run. */
    private void abuse(FakePciDriver driver, SplittableRandom random, Runnable deviceSpecific) {
        if (random.nextBoolean()) driver.initialize(ALL, random.nextBoolean(), 1 << random.nextInt(9));
        for (int i = 0; i < ROUND_OPERATIONS; i++) {
            switch (random.nextInt(9)) {
                case 0, 1 -> driver.setCommon(random.nextInt(0x40), size(random), value(random));
                case 2 -> driver.common(random.nextInt(0x40), size(random));
                case 3 -> driver.mmioWrite(FakePciDriver.MODERN_BAR_ADDRESS + random.nextInt(0x4000), size(random), value(random));
                case 4 -> driver.mmioRead(FakePciDriver.MODERN_BAR_ADDRESS + random.nextInt(0x4000), size(random));
                case 5 -> configWrite(driver, random);
                case 6 -> scribbleOnRings(random);
                case 7 -> driver.mmioWrite(driver.structureAddress(2) + 4L * random.nextInt(4), 2, random.nextInt(4));
                default -> deviceSpecific.run();
            }
        }
    }

    private static int size(SplittableRandom random) {
        return 1 << random.nextInt(4);
    }

    private static long value(SplittableRandom random) {
        return random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)] : random.nextLong();
    }

    /** Capabilities, MSI-X control and the pci_cfg window; the header is left alone so the BARs stay put. */
    private static void configWrite(FakePciDriver driver, SplittableRandom random) {
        int register = 0x40 + random.nextInt(0xc0);
        int size = 1 << random.nextInt(3);
        driver.setConfig(register & -size, size, value(random));
        if (random.nextBoolean()) driver.config(register & -size, size);
    }

    /** Random descriptors, ring indexes and bytes where the rings live; addresses inside and outside RAM. */
    private void scribbleOnRings(SplittableRandom random) {
        long at = RING_AREA + random.nextLong(RING_AREA_SIZE - 16);
        switch (random.nextInt(3)) {
            case 0 -> {
                long address = random.nextBoolean() ? RING_AREA + random.nextLong(RING_AREA_SIZE) : random.nextLong();
                memory.writeLong(at & -16, address);
                memory.writeInt((at & -16) + 8, random.nextBoolean() ? random.nextInt(4096) : random.nextInt());
                memory.writeShort((at & -16) + 12, (short) random.nextInt(8));
                memory.writeShort((at & -16) + 14, (short) random.nextInt(random.nextBoolean() ? 256 : 65536));
            }
            case 1 -> memory.writeShort(at & -2, (short) value(random));
            default -> {
                byte[] junk = new byte[random.nextInt(1, 64)];
                random.nextBytes(junk);
                memory.write(at, junk);
            }
        }
    }
}
