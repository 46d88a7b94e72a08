package dev.jkvm.loader;

import dev.jkvm.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelImagesTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private String failure(Path file) {
        return assertThrows(KernelImageException.class, () -> KernelImages.open(file, dir.resolve("cache"))).getMessage();
    }

    @Test
    void textFileIsNotAKernel() throws IOException {
        Path passwd = write("passwd", "root:x:0:0:root:/root:/bin/bash\n".getBytes());
        assertTrue(failure(passwd).contains("not a Linux kernel image"), failure(passwd));
    }

    @Test
    void elfSegmentsAndPvhNoteAreRead() throws IOException {
        byte[] elf = TestImages.elf(0x1000000, new long[][]{{0x1000000, 64, 128}, {0x1200000, 16, 16}}, 0x1000100L);
        try (KernelImage k = KernelImages.open(write("vmlinux", elf), dir)) {
            assertEquals(0x1000000, k.elf().entry());
            assertEquals(0x1000100L, k.elf().pvhEntry().orElseThrow());
            assertEquals(2, k.elf().segments().size());
            assertEquals(0x1000000 + 128, k.elf().segments().getFirst().physicalEnd());
            assertEquals(0x1200010, k.elf().physicalEnd());
        }
    }

    @Test
    void overlappingSegmentsAreRejected() throws IOException {
        byte[] elf = TestImages.elf(0x1000000, new long[][]{{0x1000000, 64, 0x2000}, {0x1001000, 16, 16}}, null);
        assertTrue(failure(write("overlap", elf)).contains("overlapping segments"));
    }

    @Test
    void truncatedElfIsRejected() throws IOException {
        byte[] elf = TestImages.elf(0x1000000, new long[][]{{0x1000000, 4096, 4096}}, null);
        byte[] cut = java.util.Arrays.copyOf(elf, elf.length - 100);
        assertTrue(failure(write("truncated", cut)).contains("truncated"));
        assertTrue(failure(write("tiny", new byte[]{0x7f, 'E', 'L', 'F', 2})).contains("truncated ELF header"));
    }

    @Test
    void elf32IsRejected() throws IOException {
        byte[] elf = TestImages.elf(0x1000000, new long[][]{{0x1000000, 64, 64}}, null);
        elf[4] = 1;
        assertTrue(failure(write("elf32", elf)).contains("not a 64-bit ELF"));
    }

    @Test
    void oldBootProtocolIsRejected() throws IOException {
        String message = failure(write("old", TestImages.bzImage(0x205, 1, new byte[16])));
        assertTrue(message.contains("boot protocol 2.05 is too old"), message);
    }

    @Test
    void kernelWithout64BitSupportIsRejected() throws IOException {
        assertTrue(failure(write("k32", TestImages.bzImage(0x20f, 0, gzip(elfPayload())))).contains("not a 64-bit kernel"));
    }

    @Test
    void truncatedBzImageIsRejected() throws IOException {
        byte[] image = TestImages.bzImage(0x20f, 1, gzip(elfPayload()));
        assertTrue(failure(write("cut", java.util.Arrays.copyOf(image, image.length - 40))).contains("truncated"));
    }

    @Test
    void unsupportedCompressionIsNamed() throws IOException {
        byte[] bzip2 = {'B', 'Z', 'h', '9', 1, 2, 3, 4};
        assertTrue(failure(write("bz2", TestImages.bzImage(0x20f, 1, bzip2))).contains("bzip2"));
        byte[] junk = {9, 9, 9, 9, 9, 9, 9, 9};
        assertTrue(failure(write("junk", TestImages.bzImage(0x20f, 1, junk))).contains("unknown payload compression"));
    }

    @Test
    void corruptPayloadIsNamed() throws IOException {
        byte[] xz = xz(elfPayload());
        xz[xz.length / 2] ^= 0x55;
        assertTrue(failure(write("corrupt", TestImages.bzImage(0x20f, 1, xz))).contains("corrupt xz payload"));
    }

    @Test
    void gzipAndXzPayloadsDecompressToTheVmlinuxAndAreCached() throws IOException {
        byte[] vmlinux = elfPayload();
        for (byte[] payload : new byte[][]{gzip(vmlinux), xz(vmlinux)}) {
            Path image = write("bz" + payload[0], TestImages.bzImage(0x20f, 1, payload));
            Path cache = dir.resolve("cache");
            try (KernelImage k = KernelImages.open(image, cache)) {
                assertEquals("2.15", k.setupHeader().orElseThrow().versionString());
                assertArrayEquals(vmlinux, Files.readAllBytes(k.elf().file()));
            }
            try (var files = Files.list(cache)) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("vmlinux-")));
            }
        }
    }

    private static byte[] elfPayload() {
        return TestImages.elf(0x1000000, new long[][]{{0x1000000, 256, 512}}, 0x1000040L);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] xz(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream x = new XZOutputStream(out, new LZMA2Options())) {
            x.write(data);
        }
        return out.toByteArray();
    }
}
