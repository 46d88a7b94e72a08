package dev.jkvm.devices.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes empty qcow2 images the way qemu-img lays them out (header, refcount table, one refcount
 * block, L1 table), so tests run without qemu-img and can then corrupt single header fields.
 */
final class Qcow2Images {
    static final int MAGIC = 0, VERSION = 4, CLUSTER_BITS = 20, CRYPT_METHOD = 32, L1_SIZE = 36, L1_OFFSET = 40,
            SNAPSHOT_COUNT = 60, INCOMPATIBLE = 72, REFCOUNT_ORDER = 96;

    private Qcow2Images() {}

    static void create(Path path, long size, int clusterBits, int version) throws IOException {
        create(path, size, clusterBits, version, null, null);
    }

    static void create(Path path, long size, int clusterBits, int version, String backingFile, String backingFormat)
            throws IOException {
        int cluster = 1 << clusterBits;
        long l2Coverage = (long) cluster * (cluster / 8);
        int l1Entries = (int) ((size + l2Coverage - 1) / l2Coverage);
        int l1Clusters = Math.max(1, (l1Entries * 8 + cluster - 1) / cluster);
        int clusters = 3 + l1Clusters;
        ByteBuffer image = ByteBuffer.allocate(clusters * cluster);

        image.putInt(0, 0x514649fb).putInt(4, version).putInt(20, clusterBits).putLong(24, size)
                .putInt(L1_SIZE, l1Entries).putLong(L1_OFFSET, 3L * cluster)
                .putLong(48, cluster).putInt(56, 1);
        int extensions = 72;
        if (version == 3) {
            image.putInt(REFCOUNT_ORDER, 4).putInt(100, 104);
            extensions = 104;
        }
        if (backingFormat != null) {
            byte[] name = backingFormat.getBytes(StandardCharsets.UTF_8);
            image.putInt(extensions, 0xe2792aca).putInt(extensions + 4, name.length).put(extensions + 8, name);
            extensions += 8 + ((name.length + 7) & ~7);
        }
        int endOfExtensions = extensions + 8;
        if (backingFile != null) {
            byte[] name = backingFile.getBytes(StandardCharsets.UTF_8);
            image.putLong(8, endOfExtensions).putInt(16, name.length).put(endOfExtensions, name);
        }
        image.putLong(cluster, 2L * cluster);
        for (int i = 0; i < clusters; i++) image.putShort(2 * cluster + 2 * i, (short) 1);
        Files.write(path, image.array());
    }

    static void patchInt(Path path, int offset, int value) throws IOException {
        patch(path, offset, ByteBuffer.allocate(4).putInt(0, value).array());
    }

    static void patchLong(Path path, int offset, long value) throws IOException {
        patch(path, offset, ByteBuffer.allocate(8).putLong(0, value).array());
    }

    private static void patch(Path path, int offset, byte[] bytes) throws IOException {
        byte[] image = Files.readAllBytes(path);
        System.arraycopy(bytes, 0, image, offset, bytes.length);
        Files.write(path, image);
    }
}
