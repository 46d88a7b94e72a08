package dev.jkvm.devices.block;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Qcow2BackendTest {
    @TempDir
    Path dir;

    static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (i * 7 + seed + (i >>> 9));
        return b;
    }

    static byte[] readAll(BlockBackend disk) throws IOException {
        byte[] all = new byte[(int) disk.size()];
        disk.read(0, ByteBuffer.wrap(all));
        return all;
    }

    private BlockBackend openQcow2(Path path, boolean readOnly) throws IOException {
        return BlockBackends.open(path, BlockBackends.Format.QCOW2, readOnly);
    }

    @Test
    void freshImageReadsAsZeroesAndWritesSurviveReopen() throws IOException {
        for (int version : new int[] {2, 3}) {
            Path path = dir.resolve("v" + version + ".qcow2");
            Qcow2Images.create(path, 4 << 20, 12, version);
            try (BlockBackend disk = openQcow2(path, false)) {
                assertArrayEquals(new byte[4 << 20], readAll(disk));
                disk.write(4096 - 512, ByteBuffer.wrap(pattern(8192, 1)));  // spans three clusters, unaligned
                disk.write((4 << 20) - 1024, ByteBuffer.wrap(pattern(1024, 2)));
                disk.flush();
            }
            try (BlockBackend disk = openQcow2(path, true)) {
                byte[] expected = new byte[4 << 20];
                System.arraycopy(pattern(8192, 1), 0, expected, 4096 - 512, 8192);
                System.arraycopy(pattern(1024, 2), 0, expected, (4 << 20) - 1024, 1024);
                assertArrayEquals(expected, readAll(disk));
                assertThrows(IOException.class, () -> disk.write(0, ByteBuffer.allocate(512)));
            }
        }
    }

    @Test
    void partialWritesCopyTheRestOfTheClusterFromTheBackingFile() throws IOException {
        Path base = dir.resolve("base.raw");
        byte[] baseBytes = pattern(1 << 20, 9);
        Files.write(base, Arrays.copyOf(baseBytes, 512 * 1000)); // shorter than the overlay: the rest reads as zeroes
        Path overlay = dir.resolve("overlay.qcow2");
        Qcow2Images.create(overlay, 1 << 20, 16, 3, "base.raw", "raw");
        byte[] expected = Arrays.copyOf(Arrays.copyOf(baseBytes, 512 * 1000), 1 << 20);
        try (BlockBackend disk = openQcow2(overlay, false)) {
            assertArrayEquals(expected, readAll(disk));
            disk.write(70_000 / 512 * 512, ByteBuffer.wrap(pattern(1536, 3)));
            System.arraycopy(pattern(1536, 3), 0, expected, 70_000 / 512 * 512, 1536);
            disk.write(512 * 999, ByteBuffer.wrap(pattern(1024, 4)));  // straddles the end of the backing file
            System.arraycopy(pattern(1024, 4), 0, expected, 512 * 999, 1024);
            assertArrayEquals(expected, readAll(disk));
        }
        assertArrayEquals(Arrays.copyOf(baseBytes, 512 * 1000), Files.readAllBytes(base), "backing file untouched");
        try (BlockBackend disk = openQcow2(overlay, true)) {
            assertArrayEquals(expected, readAll(disk));
        }
    }

    @Test
    void qcow2BackingFileIsProbedWhenTheFormatIsNotRecorded() throws IOException {
        Path base = dir.resolve("base.qcow2");
        Qcow2Images.create(base, 1 << 20, 16, 3);
        try (BlockBackend disk = openQcow2(base, false)) {
            disk.write(0, ByteBuffer.wrap(pattern(4096, 5)));
        }
        Path overlay = dir.resolve("sub/overlay.qcow2");
        Files.createDirectories(overlay.getParent());
        Qcow2Images.create(overlay, 1 << 20, 16, 2, "../base.qcow2", null);
        try (BlockBackend disk = openQcow2(overlay, true)) {
            ByteBuffer back = ByteBuffer.allocate(4096);
            disk.read(0, back);
            assertArrayEquals(pattern(4096, 5), back.array());
        }
    }

    @Test
    void writeZeroesMakesZeroClustersAndHidesTheBackingFile() throws IOException {
        Path base = dir.resolve("base.raw");
        Files.write(base, pattern(1 << 20, 1));
        Path overlay = dir.resolve("overlay.qcow2");
        Qcow2Images.create(overlay, 1 << 20, 16, 3, "base.raw", "raw");
        byte[] expected = pattern(1 << 20, 1);
        try (BlockBackend disk = openQcow2(overlay, false)) {
            disk.write(65536, ByteBuffer.wrap(pattern(65536, 2)));
            disk.writeZeroes(65536 - 1024, 65536 * 2 + 2048);  // a partial, two whole (one allocated) and a partial cluster
            Arrays.fill(expected, 65536 - 1024, 65536 * 3 + 1024, (byte) 0);
            disk.discard(0, 512);
            Arrays.fill(expected, 0, 512, (byte) 0);
            assertArrayEquals(expected, readAll(disk));
            disk.write(65536 + 512, ByteBuffer.wrap(pattern(512, 3)));  // into a zero cluster: the rest stays zero
            System.arraycopy(pattern(512, 3), 0, expected, 65536 + 512, 512);
            assertArrayEquals(expected, readAll(disk));
        }
        try (BlockBackend disk = openQcow2(overlay, true)) {
            assertArrayEquals(expected, readAll(disk));
        }
    }

    @Test
    void refcountTableGrowsWhenTheImageOutgrowsIt() throws IOException, InterruptedException {
        // 512-byte clusters: one refcount block covers 128 KiB and the first table 8 MiB of file.
        Path path = dir.resolve("small-clusters.qcow2");
        Qcow2Images.create(path, 32 << 20, 9, 3);
        byte[] expected = new byte[32 << 20];
        try (BlockBackend disk = openQcow2(path, false)) {
            for (int offset = 0; offset < expected.length; offset += 64 << 10) {
                byte[] chunk = pattern(4096, offset >>> 16);
                disk.write(offset, ByteBuffer.wrap(chunk));
                System.arraycopy(chunk, 0, expected, offset, chunk.length);
            }
            disk.write(3 << 20, ByteBuffer.wrap(pattern(12 << 20, 8)));
            System.arraycopy(pattern(12 << 20, 8), 0, expected, 3 << 20, 12 << 20);
        }
        assertTrue(Files.size(path) > 8 << 20, "the file outgrew what the first refcount table covers");
        try (BlockBackend disk = openQcow2(path, true)) {
            assertArrayEquals(expected, readAll(disk));
        }
        if (QemuTools.available()) QemuTools.ok("qemu-img", "check", path.toString());
    }

    @Test
    void readingPastAShortImageFileGivesZeroesNotErrors() throws IOException {
        Path path = dir.resolve("grown.qcow2");
        Qcow2Images.create(path, 1 << 20, 16, 3);
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            assertEquals(4 * 65536, f.length());
        }
        try (BlockBackend disk = openQcow2(path, true)) {
            assertArrayEquals(new byte[1 << 20], readAll(disk));
        }
    }
}
