package dev.jkvm.devices.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A qcow2 image header (versions 2 and 3, big-endian) and the header extensions jkvm reads, checked
 * for structural sanity: every table it names lies inside the file and is cluster aligned.
 * Features are judged by {@link Qcow2Backend}, which knows whether the image is opened for writing.
 */
record Qcow2Header(
        int version,
        int clusterBits,
        long size,
        int l1Size,
        long l1TableOffset,
        long refcountTableOffset,
        int refcountTableClusters,
        int snapshotCount,
        long incompatibleFeatures,
        long autoclearFeatures,
        int refcountOrder,
        String backingFile,
        String backingFormat) {

    static final int MAGIC = 0x514649fb; // "QFI\xfb"
    static final int REFCOUNT_TABLE_OFFSET_FIELD = 48, REFCOUNT_TABLE_CLUSTERS_FIELD = 56, AUTOCLEAR_FIELD = 88;

    static final long INCOMPATIBLE_DIRTY = 1, INCOMPATIBLE_CORRUPT = 2, INCOMPATIBLE_EXTERNAL_DATA = 4,
            INCOMPATIBLE_COMPRESSION_TYPE = 8, INCOMPATIBLE_EXTENDED_L2 = 16;

    private static final int V2_LENGTH = 72, V3_MIN_LENGTH = 104;
    private static final int MIN_CLUSTER_BITS = 9, MAX_CLUSTER_BITS = 21;
    private static final int EXTENSION_END = 0, EXTENSION_BACKING_FORMAT = 0xe2792aca;
    private static final int MAX_BACKING_NAME = 1023;
    /** QEMU's own limits, which keep a hostile header from making us allocate gigabytes. */
    private static final long MAX_L1_BYTES = 32L << 20, MAX_REFCOUNT_TABLE_BYTES = 8L << 20;

    static Qcow2Header read(Path path, FileChannel file) throws IOException {
        long fileSize = file.size();
        if (fileSize < V2_LENGTH) throw malformed(path, "file of " + fileSize + " bytes is shorter than a qcow2 header");
        ByteBuffer fixed = ByteBuffer.allocate((int) Math.min(fileSize, V3_MIN_LENGTH));
        PositionalIo.readFully(file, 0, fixed);
        if (fixed.getInt(0) != MAGIC) throw malformed(path, String.format("bad magic %#010x", fixed.getInt(0)));
        int version = fixed.getInt(4);
        if (version != 2 && version != 3) throw unsupported(path, "qcow2 version " + version + " (2 and 3 are supported)");
        if (version == 3 && fileSize < V3_MIN_LENGTH) throw malformed(path, "truncated version 3 header");

        long backingOffset = fixed.getLong(8);
        int backingLength = fixed.getInt(16);
        int clusterBits = fixed.getInt(20);
        if (clusterBits < MIN_CLUSTER_BITS || clusterBits > MAX_CLUSTER_BITS) {
            throw malformed(path, "cluster_bits " + clusterBits + " outside " + MIN_CLUSTER_BITS + ".." + MAX_CLUSTER_BITS);
        }
        long clusterSize = 1L << clusterBits;
        long size = fixed.getLong(24);
        int cryptMethod = fixed.getInt(32);
        if (cryptMethod != 0) throw unsupported(path, "encrypted image (crypt_method " + cryptMethod + ")");
        if (size < 0 || size % BlockBackend.SECTOR != 0) throw malformed(path, "virtual size " + size + " is not whole sectors");
        int l1Size = fixed.getInt(36);
        long l1Offset = fixed.getLong(40);
        long refcountOffset = fixed.getLong(48);
        int refcountClusters = fixed.getInt(56);
        int snapshots = fixed.getInt(60);

        long l2Coverage = clusterSize * (clusterSize / 8);
        long l1Needed = (size + l2Coverage - 1) / l2Coverage;
        if (l1Size < 0 || l1Size < l1Needed) throw malformed(path, "L1 table of " + l1Size + " entries cannot map " + size + " bytes");
        checkTable(path, "L1 table", l1Offset, 8L * l1Size, MAX_L1_BYTES, clusterSize, fileSize);
        if (refcountClusters <= 0) throw malformed(path, "empty refcount table");
        checkTable(path, "refcount table", refcountOffset, refcountClusters * clusterSize, MAX_REFCOUNT_TABLE_BYTES,
                clusterSize, fileSize);

        long incompatible = 0, autoclear = 0;
        int refcountOrder = 4, headerLength = V2_LENGTH;
        if (version == 3) {
            incompatible = fixed.getLong(72);
            autoclear = fixed.getLong(88);
            refcountOrder = fixed.getInt(96);
            headerLength = fixed.getInt(100);
            if (headerLength < V3_MIN_LENGTH || headerLength % 8 != 0 || headerLength > Math.min(clusterSize, fileSize)) {
                throw malformed(path, "header_length " + headerLength);
            }
        }

        String backingFile = null;
        if (backingOffset != 0) {
            if (backingLength <= 0 || backingLength > MAX_BACKING_NAME || backingOffset < headerLength
                    || backingOffset + backingLength > Math.min(clusterSize, fileSize)) {
                throw malformed(path, "backing file name at " + backingOffset + "+" + backingLength + " outside the header cluster");
            }
            backingFile = readString(file, backingOffset, backingLength);
        }
        String backingFormat = readBackingFormat(path, file, headerLength, Math.min(clusterSize, fileSize));
        return new Qcow2Header(version, clusterBits, size, l1Size, l1Offset, refcountOffset, refcountClusters, snapshots,
                incompatible, autoclear, refcountOrder, backingFile, backingFormat);
    }

    long clusterSize() {
        return 1L << clusterBits;
    }

    private static void checkTable(Path path, String name, long offset, long length, long maxLength, long clusterSize,
                                   long fileSize) throws IOException {
        if (length > maxLength) throw malformed(path, name + " of " + length + " bytes is too large");
        if (offset <= 0 || offset % clusterSize != 0) throw malformed(path, String.format("%s offset %#x is not cluster aligned", name, offset));
        if (offset > fileSize - length) throw malformed(path, String.format("%s at %#x+%#x lies past the end of the file", name, offset, length));
    }

    /** Walks the header extensions, which end at a zero type or the end of the first cluster. */
    private static String readBackingFormat(Path path, FileChannel file, long start, long end) throws IOException {
        long position = start;
        while (position + 8 <= end) {
            ByteBuffer head = ByteBuffer.allocate(8);
            PositionalIo.readFully(file, position, head);
            int type = head.getInt(0);
            long length = Integer.toUnsignedLong(head.getInt(4));
            if (type == EXTENSION_END) return null;
            if (position + 8 + length > end) throw malformed(path, String.format("header extension %#x overruns the header cluster", type));
            if (type == EXTENSION_BACKING_FORMAT) return readString(file, position + 8, (int) length);
            position += 8 + ((length + 7) & ~7L);
        }
        return null;
    }

    private static String readString(FileChannel file, long offset, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        PositionalIo.readFully(file, offset, bytes);
        return new String(bytes.array(), StandardCharsets.UTF_8);
    }

    static IOException malformed(Path path, String problem) {
        return new IOException(path + ": malformed qcow2 image: " + problem);
    }

    static IOException unsupported(Path path, String feature) {
        return new IOException(path + ": unsupported qcow2 feature: " + feature);
    }
}
