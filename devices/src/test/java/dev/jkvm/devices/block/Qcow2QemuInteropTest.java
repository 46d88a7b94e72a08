package dev.jkvm.devices.block;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Images written by Qcow2Backend pass qemu-img check and compare equal; images qemu wrote read back right. */
class Qcow2QemuInteropTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @BeforeEach
    void needQemuTools() {
        QemuTools.require();
    }

    /** Writes the same pattern through the backend and into a raw file. */
    private static void writeBoth(BlockBackend disk, RandomAccessFile raw, long offset, int length, int seed) throws IOException {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        disk.write(offset, ByteBuffer.wrap(data));
        raw.seek(offset);
        raw.write(data);
    }

    private void writePatternsAndCheck(Path image, long size, String... createOptions) throws Exception {
        String[] create = new String[createOptions.length + 5];
        create[0] = "qemu-img";
        create[1] = "create";
        create[2] = "-q";
        System.arraycopy(createOptions, 0, create, 3, createOptions.length);
        create[create.length - 2] = image.toString();
        create[create.length - 1] = Long.toString(size);
        QemuTools.ok(create);

        Path expected = dir.resolve(image.getFileName() + ".expected.raw");
        try (BlockBackend disk = BlockBackends.open(image, BlockBackends.Format.QCOW2, false);
             RandomAccessFile raw = new RandomAccessFile(expected.toFile(), "rw")) {
            raw.setLength(size);
            writeBoth(disk, raw, 0, 512, 1);
            writeBoth(disk, raw, 100 * 512, 3 * 512, 2);                 // unaligned inside a cluster
            writeBoth(disk, raw, 65536 - 1024, 8192, 3);                 // spans clusters
            writeBoth(disk, raw, 3 * MIB + 512, MIB, 4);                 // spans many clusters
            writeBoth(disk, raw, 40L * MIB + 4096, 4096, 5);            // beyond the first L2 table with 4K clusters
            writeBoth(disk, raw, size - 8192, 8192, 6);                  // the end of the disk
            writeBoth(disk, raw, 100 * 512, 512, 7);                     // rewrite in place
            disk.writeZeroes(3 * MIB + 65536 * 2, 65536 * 2);            // zero clusters amid data
            raw.seek(3 * MIB + 65536 * 2);
            raw.write(new byte[65536 * 2]);
            disk.flush();
        }
        QemuTools.ok("qemu-img", "check", image.toString());
        QemuTools.ok("qemu-img", "compare", "-f", "qcow2", "-F", "raw", image.toString(), expected.toString());
    }

    @Test
    void version3ImageWrittenByJkvmPassesQemuCheckAndCompare() throws Exception {
        writePatternsAndCheck(dir.resolve("v3.qcow2"), 64 * MIB, "-f", "qcow2");
    }

    @Test
    void version2ImageWrittenByJkvmPassesQemuCheckAndCompare() throws Exception {
        writePatternsAndCheck(dir.resolve("v2.qcow2"), 64 * MIB, "-f", "qcow2", "-o", "compat=0.10");
    }

    @Test
    void smallClusterImageSpanningManyL2TablesPassesQemuCheckAndCompare() throws Exception {
        writePatternsAndCheck(dir.resolve("4k.qcow2"), 64 * MIB, "-f", "qcow2", "-o", "cluster_size=4096");
    }

    @Test
    void overlayWritesCopyFromAQemuWrittenBackingFile() throws Exception {
        Path base = dir.resolve("base.qcow2");
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), "64M");
        QemuTools.ok("qemu-io", "-c", "write -P 0xab 1M 64k", "-c", "write -P 0xcd 2M 128k", base.toString());
        Path overlay = dir.resolve("overlay.qcow2");
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", "-b", "base.qcow2", "-F", "qcow2", overlay.toString());

        Path expected = dir.resolve("expected.raw");
        QemuTools.ok("qemu-img", "convert", "-O", "raw", base.toString(), expected.toString());
        try (BlockBackend disk = BlockBackends.open(overlay, BlockBackends.Format.QCOW2, false);
             RandomAccessFile raw = new RandomAccessFile(expected.toFile(), "rw")) {
            writeBoth(disk, raw, MIB + 4096, 1024, 11);          // partial cluster: the rest comes from the backing file
            writeBoth(disk, raw, 2 * MIB + 65536 - 512, 1024, 12);
            writeBoth(disk, raw, 10 * MIB, 512, 13);            // over a hole in the backing file
            disk.flush();
        }
        QemuTools.ok("qemu-img", "check", overlay.toString());
        QemuTools.ok("qemu-img", "compare", "-f", "qcow2", "-F", "raw", overlay.toString(), expected.toString());
        QemuTools.ok("qemu-img", "check", base.toString());
    }

    @Test
    void readsWhatQemuIoWrote() throws Exception {
        Path image = dir.resolve("qemu-written.qcow2");
        QemuTools.ok("qemu-img", "create", "-q", "-f", "qcow2", image.toString(), "64M");
        QemuTools.ok("qemu-io", "-c", "write -P 0xab 1M 64k", "-c", "write -P 0x5a 63M 512",
                "-c", "write -P 0x11 8M 128k", "-c", "write -z 8M 64k", image.toString());
        try (BlockBackend disk = BlockBackends.open(image, BlockBackends.Format.QCOW2, true)) {
            assertEquals(64 * MIB, disk.size());
            assertFilled(disk, MIB, 65536, 0xab);
            assertFilled(disk, 63 * MIB, 512, 0x5a);
            assertFilled(disk, 8 * MIB, 65536, 0);
            assertFilled(disk, 8 * MIB + 65536, 65536, 0x11);
            assertFilled(disk, MIB - 512, 512, 0);
        }
    }

    @Test
    void readsCompressedClustersAndRewritesThem() throws Exception {
        Path source = dir.resolve("source.raw");
        byte[] content = new byte[4 * MIB];
        Random random = new Random(3);
        for (int i = 0; i < content.length; i += 512) Arrays.fill(content, i, i + 512, (byte) random.nextInt(4));
        Files.write(source, content);
        Path compressed = dir.resolve("compressed.qcow2");
        QemuTools.ok("qemu-img", "convert", "-c", "-f", "raw", "-O", "qcow2", source.toString(), compressed.toString());
        assertTrue(Files.size(compressed) < content.length / 2, "qemu-img compressed the image");
        try (BlockBackend disk = BlockBackends.open(compressed, BlockBackends.Format.QCOW2, false)) {
            assertArrayEquals(content, Qcow2BackendTest.readAll(disk));
            byte[] patch = new byte[1024];
            random.nextBytes(patch);
            disk.write(MIB + 512, ByteBuffer.wrap(patch));       // copy-on-write out of a compressed cluster
            System.arraycopy(patch, 0, content, MIB + 512, patch.length);
            disk.writeZeroes(2 * MIB, 65536);
            Arrays.fill(content, 2 * MIB, 2 * MIB + 65536, (byte) 0);
            assertArrayEquals(content, Qcow2BackendTest.readAll(disk));
        }
        Files.write(source, content);
        QemuTools.ok("qemu-img", "check", compressed.toString());
        QemuTools.ok("qemu-img", "compare", "-f", "qcow2", "-F", "raw", compressed.toString(), source.toString());
    }

    private static void assertFilled(BlockBackend disk, long offset, int length, int value) throws IOException {
        ByteBuffer back = ByteBuffer.allocate(length);
        disk.read(offset, back);
        byte[] expected = new byte[length];
        Arrays.fill(expected, (byte) value);
        assertArrayEquals(expected, back.array(), String.format("%d bytes at %#x", length, offset));
    }
}
