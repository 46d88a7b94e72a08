package dev.jkvm.devices.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A writable qcow2 image's 16-bit refcounts and its cluster allocator. The refcount table lives in
 * memory and on disk; refcount blocks are read and written in place. New clusters are taken from
 * the first free run at or after the end of the file, so an allocation never reuses a cluster that
 * a crash could leave referenced. Refcount blocks and a larger refcount table are allocated the
 * same way as data, and count themselves.
 */
final class Qcow2Refcounts {
    private static final long OFFSET_MASK = 0xffff_ffff_ffff_fe00L;
    private static final int MAX_REFCOUNT = 0xffff;

    private final Path path;
    private final FileChannel file;
    private final int clusterBits;
    private final long clusterSize;
    /** log2 of the refcounts per block: a block is a cluster of two-byte entries. */
    private final int blockBits;
    private long[] table;
    private long tableOffset;
    private int tableClusters;
    private long nextFree;

    private Qcow2Refcounts(Path path, FileChannel file, int clusterBits, long[] table, long tableOffset, int tableClusters)
            throws IOException {
        this.path = path;
        this.file = file;
        this.clusterBits = clusterBits;
        this.clusterSize = 1L << clusterBits;
        this.blockBits = clusterBits - 1;
        this.table = table;
        this.tableOffset = tableOffset;
        this.tableClusters = tableClusters;
        this.nextFree = (file.size() + clusterSize - 1) & -clusterSize;
    }

    static Qcow2Refcounts load(Path path, FileChannel file, Qcow2Header header) throws IOException {
        int entries = (int) (header.refcountTableClusters() * header.clusterSize() / 8);
        ByteBuffer raw = ByteBuffer.allocate(entries * 8);
        PositionalIo.readFully(file, header.refcountTableOffset(), raw);
        long[] table = new long[entries];
        raw.flip().asLongBuffer().get(table);
        for (int i = 0; i < entries; i++) {
            table[i] &= OFFSET_MASK;
            if (table[i] % header.clusterSize() != 0) {
                throw Qcow2Header.malformed(path, String.format("refcount block %d at %#x is not cluster aligned", i, table[i]));
            }
        }
        return new Qcow2Refcounts(path, file, header.clusterBits(), table, header.refcountTableOffset(),
                header.refcountTableClusters());
    }

    /** Allocates contiguous clusters with refcount 1 and returns the first one's offset. */
    long allocate(int clusters) throws IOException {
        long offset = reserve(clusters);
        adjust(offset, clusters * clusterSize, +1);
        return offset;
    }

    /** Adds delta to the refcount of every cluster the byte range touches. */
    void adjust(long offset, long length, int delta) throws IOException {
        for (long cluster = offset >>> clusterBits; cluster <= (offset + length - 1) >>> clusterBits; cluster++) {
            adjustCluster(cluster, delta);
        }
    }

    int refcount(long cluster) throws IOException {
        long blockIndex = cluster >>> blockBits;
        if (blockIndex >= table.length || table[(int) blockIndex] == 0) return 0;
        return readEntry(table[(int) blockIndex], cluster);
    }

    /** Finds a run of clusters with refcount 0 past everything allocated so far, without counting them yet. */
    private long reserve(int clusters) throws IOException {
        long start = nextFree;
        for (int i = 0; i < clusters; i++) {
            if (refcount((start >>> clusterBits) + i) != 0) {
                start += (i + 1) * clusterSize;
                i = -1;
            }
        }
        nextFree = start + clusters * clusterSize;
        return start;
    }

    private void adjustCluster(long cluster, int delta) throws IOException {
        long blockIndex = cluster >>> blockBits;
        if (blockIndex >= table.length) growTable(blockIndex);
        long block = table[(int) blockIndex];
        if (block == 0) {
            if (delta < 0) throw Qcow2Header.malformed(path, "freeing cluster " + cluster + " that has no refcount block");
            block = reserve(1);
            PositionalIo.writeZeroes(file, block, clusterSize);
            setTableEntry((int) blockIndex, block);
            adjustCluster(block >>> clusterBits, +1);
        }
        int updated = readEntry(block, cluster) + delta;
        if (updated < 0 || updated > MAX_REFCOUNT) {
            throw Qcow2Header.malformed(path, "refcount of cluster " + cluster + " would become " + updated);
        }
        ByteBuffer entry = ByteBuffer.allocate(2).putShort(0, (short) updated);
        PositionalIo.writeFully(file, entryOffset(block, cluster), entry);
    }

    private int readEntry(long block, long cluster) throws IOException {
        ByteBuffer entry = ByteBuffer.allocate(2);
        PositionalIo.readFully(file, entryOffset(block, cluster), entry);
        return entry.getShort(0) & 0xffff;
    }

    private long entryOffset(long block, long cluster) {
        return block + 2 * (cluster & ((1L << blockBits) - 1));
    }

    private void setTableEntry(int index, long block) throws IOException {
        table[index] = block;
        PositionalIo.writeLong(file, tableOffset + 8L * index, block);
    }

    /** Moves the refcount table to a larger copy at the end of the file and frees the old one. */
    private void growTable(long neededIndex) throws IOException {
        long entries = Math.max(2L * table.length, neededIndex + 1);
        int clusters = (int) ((entries * 8 + clusterSize - 1) >>> clusterBits);
        long[] grown = new long[(int) (clusters * clusterSize / 8)];
        System.arraycopy(table, 0, grown, 0, table.length);
        long offset = reserve(clusters);
        ByteBuffer raw = ByteBuffer.allocate(grown.length * 8);
        raw.asLongBuffer().put(grown);
        PositionalIo.writeFully(file, offset, raw);

        long oldOffset = tableOffset;
        int oldClusters = tableClusters;
        table = grown;
        tableOffset = offset;
        tableClusters = clusters;
        PositionalIo.writeLong(file, Qcow2Header.REFCOUNT_TABLE_OFFSET_FIELD, offset);
        PositionalIo.writeFully(file, Qcow2Header.REFCOUNT_TABLE_CLUSTERS_FIELD, ByteBuffer.allocate(4).putInt(0, clusters));
        adjust(offset, clusters * clusterSize, +1);
        adjust(oldOffset, oldClusters * clusterSize, -1);
    }
}
