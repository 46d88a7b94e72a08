package dev.jkvm.devices.ide;

import dev.jkvm.devices.block.MemoryBackend;
import dev.jkvm.devices.bus.BusDevice;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.jkvm.devices.ide.AtaHost.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random register traffic on every window, random commands and random PRD tables, for a few
 * seconds: no exception may escape, and a soft reset must always bring back the ATA signature.
 * -Djkvm.ide.fuzzSeconds=N soaks for longer; -Djkvm.ide.fuzzSeed=S replays a run.
 */
class IdeFuzzTest {
    private static final int[] COMMANDS = {0x20, 0x24, 0x25, 0x29, 0x30, 0x34, 0x35, 0x39, 0x40, 0x42, 0x90, 0x91,
            0xa1, 0xc4, 0xc5, 0xc6, 0xc8, 0xca, 0xe0, 0xe1, 0xe5, 0xe7, 0xea, 0xec, 0xef, 0x08, 0x00};

    @Test
    void randomTrafficNeverEscapesAndResetAlwaysRecovers() {
        long seconds = Long.getLong("jkvm.ide.fuzzSeconds", 5);
        long seed = Long.getLong("jkvm.ide.fuzzSeed", 0x1de_f022L);
        Random random = new Random(seed);
        MemoryBackend master = new MemoryBackend(1 << 20);
        MemoryBackend slave = new MemoryBackend(64 << 10);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long operations;
        try (AtaHost host = new AtaHost(false, master, slave)) {
            operations = fuzz(host, random, master, deadline, seed);
        } catch (RuntimeException e) {
            throw new AssertionError("escaped with seed " + seed, e);
        }
        System.out.printf("IDE fuzz: %d operations in %d s, seed %d%n", operations, seconds, seed);
    }

    private static long fuzz(AtaHost host, Random random, MemoryBackend master, long deadline, long seed) {
        long operations = 0;
        BusDevice[] windows = {host.taskFile, host.control, host.busMaster};
        int[] windowSizes = {9, 2, 18};
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 1000; i++, operations++) {
                switch (random.nextInt(8)) {
                    case 0 -> host.out(COMMAND, COMMANDS[random.nextInt(COMMANDS.length)]);
                    case 1 -> {
                        long entry = random.nextInt(AtaHost.RAM / 8) * 8L;
                        long region = random.nextInt(8) == 0 ? random.nextLong() : random.nextInt(AtaHost.RAM);
                        host.prd(Math.min(entry, AtaHost.RAM - 8), region, random.nextInt(), random.nextBoolean());
                    }
                    case 2 -> master.failRequests(random.nextInt(20) == 0);
                    case 3 -> host.taskFile.read(DATA, random.nextBoolean() ? 2 : 4);
                    case 4 -> host.taskFile.write(DATA, random.nextBoolean() ? 2 : 4, random.nextInt());
                    default -> {
                        int w = random.nextInt(windows.length);
                        int size = 1 << random.nextInt(3);
                        int offset = random.nextInt(windowSizes[w]);
                        if (random.nextBoolean()) windows[w].read(offset, size);
                        else windows[w].write(offset, size, random.nextLong());
                    }
                }
            }
            master.failRequests(false);
            host.bmOut(BM_COMMAND, 0);
            host.softReset();
            assertEquals(0x50, host.altStatus(), "seed " + seed);
            assertEquals(0x01, host.in(NSECT), "seed " + seed);
            assertEquals(0x01, host.in(LBAL), "seed " + seed);
            assertEquals(0x00, host.in(LBAM) | host.in(LBAH), "seed " + seed);
            host.deviceControl(0);
            host.command28(0xec, 0, 0, 0);
            assertEquals(0x58, host.in(STATUS), "IDENTIFY still works, seed " + seed);
        }
        return operations;
    }
}
