package dev.jkvm.devices.e1000;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.jkvm.devices.e1000.Registers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guests that program nonsense: nothing escapes, nothing outside RAM is touched. */
class E1000HostileTest {
    private static final long OUTSIDE_RAM = 0xfee0_0000L;
    private final Nic nic = new Nic();

    @AfterEach
    void close() {
        nic.close();
    }

    @Test
    void transmitRingOutsideRamCountsErrorsAndAdvances() {
        nic.setUpTransmit(8);
        nic.write(TDBAL, (int) OUTSIDE_RAM);
        nic.write(TDT, 3);
        assertEquals(3, nic.read(TDH));
        assertEquals(3, nic.device.dmaErrors());
        assertEquals(0, nic.backend.sent.size());
    }

    @Test
    void transmitBufferOutsideRamDropsThePacket() {
        nic.setUpTransmit(8);
        nic.writeTxDescriptor(0, OUTSIDE_RAM, 100 | (0x01 | 0x08) << 24, 0);
        nic.queueLegacy(1, Nic.TX_BUFFERS, TestFrames.ethernet(Nic.MAC, 0x88b5, 60));
        nic.write(TDT, 2);
        assertEquals(1, nic.backend.sent.size(), "only the good packet");
        assertEquals(1, nic.device.dmaErrors());
        assertEquals(1, nic.memory.readByte(Nic.TX_RING + 12) & 1, "the bad descriptor is still completed");
    }

    @Test
    void receiveBuffersAndRingOutsideRam() {
        nic.setUpReceive(8, 0);
        nic.memory.writeLong(Nic.RX_RING, OUTSIDE_RAM);
        assertTrue(nic.backend.offer(TestFrames.ethernet(Nic.MAC, 0x88b5, 100)));
        assertEquals(Receiver.ERROR_RXE, nic.memory.readByte(Nic.RX_RING + 13) & 0xff);
        assertEquals(1, nic.read(RDH));
        nic.write(RDBAL, (int) OUTSIDE_RAM);
        assertTrue(nic.backend.offer(TestFrames.ethernet(Nic.MAC, 0x88b5, 100)), "dropped, not held forever");
        assertEquals(2, nic.device.dmaErrors());
    }

    @Test
    void ringLengthsAreMultiplesOf128AndIndicesBeyondTheRingOwnNothing() {
        nic.setUpTransmit(8);
        nic.write(TDLEN, 200);
        assertEquals(128, nic.read(TDLEN));
        nic.write(TDLEN, 100);
        assertEquals(0, nic.read(TDLEN));
        nic.queueLegacy(0, Nic.TX_BUFFERS, TestFrames.ethernet(Nic.MAC, 0x88b5, 60));
        nic.write(TDT, 1);
        assertEquals(0, nic.backend.sent.size(), "an empty ring holds nothing");
        nic.write(TDLEN, 128);
        nic.write(TDT, 200);
        assertEquals(0, nic.backend.sent.size(), "TDT beyond the ring");
        assertEquals(0, nic.read(TDH));
        nic.write(TDT, 1);
        assertEquals(1, nic.backend.sent.size());

        nic.setUpReceive(8, 0);
        nic.write(RDT, 100);
        assertTrue(!nic.backend.offer(TestFrames.ethernet(Nic.MAC, 0x88b5, 60)), "RDT beyond the ring: no buffers");
        nic.write(RDLEN, 0);
        nic.write(RDT, 0);
        assertTrue(!nic.backend.offer(TestFrames.ethernet(Nic.MAC, 0x88b5, 60)));
    }

    @Test
    void malformedSegmentationContextIsCountedNotSent() {
        nic.setUpTransmit(8);
        byte[] frame = TestFrames.ethernet(Nic.MAC, 0x0800, 100);
        nic.memory.write(Nic.TX_BUFFERS, frame);
        // TSE context with the TCP header beyond the header length and MSS 0.
        nic.writeTxDescriptor(0, 200L << 32, (0x20 | 0x04 | 0x01) << 24, 20 << 8);
        nic.writeTxDescriptor(1, Nic.TX_BUFFERS, frame.length | 1 << 20 | (0x20 | 0x04 | 0x01 | 0x08) << 24, 0x0300);
        nic.write(TDT, 2);
        assertEquals(0, nic.backend.sent.size());
        assertEquals(1, nic.read(Statistics.TSCTFC));
    }

    /**
     * Random register writes, descriptors and frames for a few seconds (-Djkvm.fuzz.seconds=N for a
     * soak, -Djkvm.fuzz.seed=S to replay). Only guest-visible effects may follow; no exception.
     */
    @Test
    void randomRegisterWritesDescriptorsAndFramesNeverThrow() {
        long seed = Long.getLong("jkvm.fuzz.seed", System.nanoTime());
        double seconds = Double.parseDouble(System.getProperty("jkvm.fuzz.seconds", "5"));
        Random random = new Random(seed);
        int[] registers = {CTRL, EECD, EERD, MDIC, ICR, ICS, IMS, IMC, ITR, RCTL, TCTL, RDBAL, RDBAH, RDLEN, RDH, RDT,
                TDBAL, TDBAH, TDLEN, TDH, TDT, RXCSUM, VET, MTA, RA, RA + 4, VFTA, STATISTICS_FIRST + 0x88};
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long operations = 0;
        try {
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 1000; i++, operations++) step(random, registers);
            }
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("fuzz seed " + seed + " failed after " + operations + " operations", e);
        }
    }

    private void step(Random random, int[] registers) {
        switch (random.nextInt(8)) {
            case 0, 1, 2 -> {
                int register = registers[random.nextInt(registers.length)];
                int value = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(64);
                    case 1 -> random.nextBoolean() ? (int) Nic.TX_RING : (int) Nic.RX_RING;
                    case 2 -> register == CTRL ? random.nextInt() & ~E1000.CTRL_RST : random.nextInt();
                    default -> random.nextInt();
                };
                if (register == RCTL || register == TCTL) value |= 2; // mostly enabled
                nic.write(register, value);
            }
            case 3 -> nic.mmio.write(random.nextInt((int) E1000.MMIO_SIZE), 1 << random.nextInt(4), random.nextLong());
            case 4 -> nic.mmio.read(random.nextInt((int) E1000.MMIO_SIZE), 1 << random.nextInt(4));
            case 5 -> {
                long descriptor = (random.nextBoolean() ? Nic.TX_RING : Nic.RX_RING) + 16L * random.nextInt(64);
                long buffer = random.nextInt(4) == 0 ? random.nextLong() : Nic.TX_BUFFERS + random.nextInt(0x40000);
                nic.memory.writeLong(descriptor, buffer);
                nic.memory.writeLong(descriptor + 8, random.nextLong());
            }
            case 6 -> {
                byte[] frame = new byte[random.nextInt(random.nextBoolean() ? 80 : 20000)];
                random.nextBytes(frame);
                if (frame.length >= 6 && random.nextBoolean()) System.arraycopy(Nic.MAC, 0, frame, 0, 6);
                nic.backend.offer(frame);
            }
            default -> {
                nic.io.write(random.nextInt(8), 4, random.nextInt(0x20000));
                nic.clock.advanceBy(random.nextInt(1_000_000));
            }
        }
        if (nic.backend.sent.size() > 10_000) nic.backend.sent.clear();
    }
}
