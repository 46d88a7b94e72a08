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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RawFileBackendTest {
    @TempDir
    Path dir;

    private Path sparseFile(String name, long size) throws IOException {
        Path path = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            f.setLength(size);
        }
        return path;
    }

    private static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (i * 31 + seed);
        return b;
    }

    @Test
    void writesLandAtTheirOffsetAndUnwrittenSparseRangesReadAsZeroes() throws IOException {
        Path path = sparseFile("disk.raw", 1 << 20);
        try (BlockBackend disk = BlockBackends.open(path, BlockBackends.Format.RAW, false)) {
            assertEquals(1 << 20, disk.size());
            disk.write(4096, ByteBuffer.wrap(pattern(1024, 7)));
            ByteBuffer back = ByteBuffer.allocate(2048);
            disk.read(3584, back);
            byte[] expected = new byte[2048];
            System.arraycopy(pattern(1024, 7), 0, expected, 512, 1024);
            assertArrayEquals(expected, back.array());
            disk.flush();
        }
        byte[] file = Files.readAllBytes(path);
        assertArrayEquals(pattern(1024, 7), Arrays.copyOfRange(file, 4096, 5120));
    }

    @Test
    void writeZeroesAndDiscardClearTheRange() throws IOException {
        Path path = sparseFile("disk.raw", 64 << 10);
        try (BlockBackend disk = RawFileBackend.open(path, false)) {
            disk.write(0, ByteBuffer.wrap(pattern(64 << 10, 1)));
            disk.writeZeroes(512, 1024);
            disk.discard(8192, 4096);
            byte[] back = new byte[64 << 10];
            disk.read(0, ByteBuffer.wrap(back));
            byte[] expected = pattern(64 << 10, 1);
            Arrays.fill(expected, 512, 1536, (byte) 0);
            Arrays.fill(expected, 8192, 12288, (byte) 0);
            assertArrayEquals(expected, back);
        }
    }

    @Test
    void readOnlyDiskRefusesWrites() throws IOException {
        Path path = sparseFile("ro.raw", 4096);
        try (BlockBackend disk = RawFileBackend.open(path, true)) {
            assertTrue(disk.readOnly());
            assertThrows(IOException.class, () -> disk.write(0, ByteBuffer.allocate(512)));
            assertThrows(IOException.class, () -> disk.writeZeroes(0, 512));
            disk.flush();
        }
    }

    @Test
    void sizeThatIsNotWholeSectorsIsRejectedNamingTheFile() throws IOException {
        Path path = sparseFile("odd.raw", 1000);
        IOException e = assertThrows(IOException.class, () -> BlockBackends.open(path, BlockBackends.Format.RAW, false));
        assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains("multiple of 512"), e.getMessage());
    }

    @Test
    void missingFileIsReportedByName() {
        Path path = dir.resolve("absent.raw");
        IOException e = assertThrows(IOException.class, () -> BlockBackends.open(path, BlockBackends.Format.RAW, true));
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    }

    @Test
    void requestsOutsideTheDiskOrNotWholeSectorsAreRefused() throws IOException {
        try (BlockBackend disk = RawFileBackend.open(sparseFile("d.raw", 4096), false)) {
            assertThrows(IllegalArgumentException.class, () -> disk.read(4096, ByteBuffer.allocate(512)));
            assertThrows(IllegalArgumentException.class, () -> disk.read(100, ByteBuffer.allocate(512)));
            assertThrows(IllegalArgumentException.class, () -> disk.write(0, ByteBuffer.allocate(100)));
            assertThrows(IllegalArgumentException.class, () -> disk.writeZeroes(-512, 512));
        }
    }

    @Test
    void serialIsTwentyCharactersStablePerFileAndDistinctAcrossFiles() throws IOException {
        Path a = sparseFile("a.raw", 512);
        Path b = sparseFile("b.raw", 512);
        String first;
        try (BlockBackend disk = RawFileBackend.open(a, true)) {
            first = disk.serial();
        }
        try (BlockBackend again = RawFileBackend.open(a, false); BlockBackend other = RawFileBackend.open(b, true)) {
            assertEquals(first, again.serial());
            assertNotEquals(first, other.serial());
        }
        assertEquals(DiskSerial.LENGTH, first.length());
        assertTrue(first.chars().allMatch(c -> c > 0x20 && c < 0x7f), first);
    }
}
