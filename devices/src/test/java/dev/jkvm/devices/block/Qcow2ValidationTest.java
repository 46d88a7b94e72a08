package dev.jkvm.devices.block;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed and unsupported images fail to open with a message naming the file and the problem. */
class Qcow2ValidationTest {
    @TempDir
    Path dir;

    private Path image(int version) throws IOException {
        Path path = dir.resolve("disk-v" + version + ".qcow2");
        Qcow2Images.create(path, 16 << 20, 16, version);
        return path;
    }

    private void assertRejected(Path path, boolean readOnly, String problem) {
        IOException e = assertThrows(IOException.class, () -> BlockBackends.open(path, BlockBackends.Format.QCOW2, readOnly));
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void wellFormedImagesOfBothVersionsOpen() throws IOException {
        for (int version : new int[] {2, 3}) {
            try (BlockBackend disk = BlockBackends.open(image(version), BlockBackends.Format.QCOW2, false)) {
                assertTrue(disk.size() == 16 << 20);
            }
        }
    }

    @Test
    void wrongMagic() throws IOException {
        Path path = image(3);
        Qcow2Images.patchInt(path, Qcow2Images.MAGIC, 0x12345678);
        assertRejected(path, true, "bad magic");
    }

    @Test
    void truncatedHeader() throws IOException {
        Path path = image(3);
        Files.write(path, Arrays.copyOf(Files.readAllBytes(path), 50));
        assertRejected(path, true, "shorter than a qcow2 header");
        Path v3 = image(3);
        Files.write(v3, Arrays.copyOf(Files.readAllBytes(v3), 90));
        assertRejected(v3, true, "truncated");
    }

    @Test
    void l1TablePastTheEndOfTheFile() throws IOException {
        Path path = image(3);
        Qcow2Images.patchLong(path, Qcow2Images.L1_OFFSET, 1L << 30);
        assertRejected(path, true, "L1 table");
        Qcow2Images.patchLong(path, Qcow2Images.L1_OFFSET, 3L * 65536 + 8);
        assertRejected(path, true, "not cluster aligned");
    }

    @Test
    void l1TableTooSmallForTheVirtualSize() throws IOException {
        Path path = image(3);
        Qcow2Images.patchLong(path, 24, 1L << 40);
        assertRejected(path, true, "cannot map");
    }

    @Test
    void clusterBitsOutOfRange() throws IOException {
        for (int bits : new int[] {8, 22, -1}) {
            Path path = image(3);
            Qcow2Images.patchInt(path, Qcow2Images.CLUSTER_BITS, bits);
            assertRejected(path, true, "cluster_bits " + bits);
        }
    }

    @Test
    void unknownVersion() throws IOException {
        Path path = image(3);
        Qcow2Images.patchInt(path, Qcow2Images.VERSION, 4);
        assertRejected(path, true, "version 4");
    }

    @Test
    void encryption() throws IOException {
        Path path = image(2);
        Qcow2Images.patchInt(path, Qcow2Images.CRYPT_METHOD, 1);
        assertRejected(path, true, "encrypted");
    }

    @Test
    void unknownIncompatibleFeature() throws IOException {
        Path path = image(3);
        Qcow2Images.patchLong(path, Qcow2Images.INCOMPATIBLE, 1L << 40);
        assertRejected(path, true, "unknown incompatible feature bits 0x10000000000");
        Qcow2Images.patchLong(path, Qcow2Images.INCOMPATIBLE, 4);
        assertRejected(path, true, "external data file");
        Qcow2Images.patchLong(path, Qcow2Images.INCOMPATIBLE, 16);
        assertRejected(path, true, "extended L2");
    }

    @Test
    void refcountWidthsOtherThanSixteenBits() throws IOException {
        Path path = image(3);
        Qcow2Images.patchInt(path, Qcow2Images.REFCOUNT_ORDER, 5);
        assertRejected(path, true, "refcount_order 5");
    }

    @Test
    void dirtyOrCorruptImagesOpenReadOnlyButNotForWriting() throws IOException {
        for (long bit : new long[] {1, 2}) {
            Path path = image(3);
            Qcow2Images.patchLong(path, Qcow2Images.INCOMPATIBLE, bit);
            try (BlockBackend disk = BlockBackends.open(path, BlockBackends.Format.QCOW2, true)) {
                assertTrue(disk.readOnly());
            }
            assertRejected(path, false, "qemu-img check -r all");
        }
    }

    @Test
    void internalSnapshotsOpenReadOnlyButNotForWriting() throws IOException {
        Path path = image(3);
        Qcow2Images.patchInt(path, Qcow2Images.SNAPSHOT_COUNT, 1);
        BlockBackends.open(path, BlockBackends.Format.QCOW2, true).close();
        assertRejected(path, false, "1 internal snapshots");
    }

    @Test
    void missingBackingFileIsNamed() throws IOException {
        Path path = dir.resolve("overlay.qcow2");
        Qcow2Images.create(path, 1 << 20, 16, 3, "gone.raw", "raw");
        assertRejected(path, true, "gone.raw");
    }

    @Test
    void backingChainThatLoopsIsRejected() throws IOException {
        Path path = dir.resolve("loop.qcow2");
        Qcow2Images.create(path, 1 << 20, 16, 3, "loop.qcow2", "qcow2");
        assertRejected(path, true, "backing chain deeper than");
    }
}
