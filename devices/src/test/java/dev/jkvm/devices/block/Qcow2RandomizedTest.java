package dev.jkvm.devices.block;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Random writes, zeroings and reads against a byte-array model of the disk, with and without a backing file. */
class Qcow2RandomizedTest {
    private static final int SIZE = 8 << 20;
    private static final int OPERATIONS = 3000;

    @TempDir
    Path dir;

    @Test
    void matchesTheModelWithSmallClusters() throws Exception {
        Path path = dir.resolve("small.qcow2");
        Qcow2Images.create(path, SIZE, 10, 3);
        run(path, new byte[SIZE], 42);
    }

    @Test
    void matchesTheModelOverABackingFile() throws Exception {
        byte[] base = new byte[SIZE];
        new Random(7).nextBytes(base);
        Files.write(dir.resolve("base.raw"), base);
        Path path = dir.resolve("overlay.qcow2");
        Qcow2Images.create(path, SIZE, 12, 2, "base.raw", "raw");
        run(path, base.clone(), 43);
    }

    private void run(Path path, byte[] model, long seed) throws Exception {
        Random random = new Random(seed);
        try (BlockBackend disk = BlockBackends.open(path, BlockBackends.Format.QCOW2, false)) {
            for (int i = 0; i < OPERATIONS; i++) {
                int sectors = 1 + random.nextInt(random.nextInt(10) == 0 ? 256 : 16);
                int offset = random.nextInt(SIZE / 512 - sectors + 1) * 512;
                int length = sectors * 512;
                switch (random.nextInt(5)) {
                    case 0, 1 -> {
                        byte[] data = new byte[length];
                        random.nextBytes(data);
                        disk.write(offset, ByteBuffer.wrap(data));
                        System.arraycopy(data, 0, model, offset, length);
                    }
                    case 2 -> {
                        disk.writeZeroes(offset, length);
                        Arrays.fill(model, offset, offset + length, (byte) 0);
                    }
                    default -> {
                        ByteBuffer back = ByteBuffer.allocate(length);
                        disk.read(offset, back);
                        assertArrayEquals(Arrays.copyOfRange(model, offset, offset + length), back.array(),
                                "operation " + i + " read at " + offset);
                    }
                }
            }
            disk.flush();
        }
        try (BlockBackend disk = BlockBackends.open(path, BlockBackends.Format.QCOW2, true)) {
            assertArrayEquals(model, Qcow2BackendTest.readAll(disk));
        }
        if (QemuTools.available()) QemuTools.ok("qemu-img", "check", path.toString());
    }
}
