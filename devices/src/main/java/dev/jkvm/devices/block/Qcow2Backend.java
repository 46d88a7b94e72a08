package dev.jkvm.devices.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A qcow2 image (versions 2 and 3, 16-bit refcounts), readable and writable.
 *
 * <p>Reads follow L1 and L2 tables to data clusters; unallocated clusters read from the backing file
 * (a read-only raw or qcow2 image, shorter ones padded with zeroes) or as zeroes; version 3 zero
 * clusters read as zeroes; deflate-compressed clusters are inflated. A write lands in place when its
 * cluster is allocated and not shared; otherwise it goes to a newly allocated cluster, filled first
 * with the cluster's old contents (copy-on-write) unless the write covers it all, and the old
 * cluster's refcount is dropped. Metadata is written through: the image is consistent for
 * {@code qemu-img check} after every completed request, and {@link #flush} makes it durable.
 *
 * <p>Refused, with a message naming the file: encryption, external data files, zstd compression,
 * extended L2 entries, refcount widths other than 16 bits, unknown incompatible features, and, when
 * writable, internal snapshots (their shared clusters need reference-counted copy-on-write), a
 * dirty image (stale lazy refcounts) and one marked corrupt. Writing clears the autoclear feature
 * bits, as the format requires of programs that do not maintain what they describe.
 */
public final class Qcow2Backend implements BlockBackend {
    private static final long OFFSET_MASK = 0x00ff_ffff_ffff_fe00L;
    private static final long COPIED = 1L << 63, COMPRESSED = 1L << 62, ZERO = 1L;
    private static final long KNOWN_INCOMPATIBLE = Qcow2Header.INCOMPATIBLE_DIRTY | Qcow2Header.INCOMPATIBLE_CORRUPT;
    private static final int COMPRESSED_SECTOR = 512;

    private final Path path;
    private final FileChannel file;
    private final Qcow2Header header;
    private final BlockBackend backing;
    private final boolean readOnly;
    private final int clusterBits;
    private final int clusterSize;
    private final int l2Bits;
    private final long[] l1;
    private final Qcow2Refcounts refcounts;
    private final String serial;

    private Qcow2Backend(Path path, FileChannel file, Qcow2Header header, BlockBackend backing, boolean readOnly,
                         long[] l1, Qcow2Refcounts refcounts, String serial) {
        this.path = path;
        this.file = file;
        this.header = header;
        this.backing = backing;
        this.readOnly = readOnly;
        this.clusterBits = header.clusterBits();
        this.clusterSize = 1 << clusterBits;
        this.l2Bits = clusterBits - 3;
        this.l1 = l1;
        this.refcounts = refcounts;
        this.serial = serial;
    }

    public static Qcow2Backend open(Path path, boolean readOnly) throws IOException {
        return open(path, readOnly, 0);
    }

    static Qcow2Backend open(Path path, boolean readOnly, int backingDepth) throws IOException {
        FileChannel file = readOnly
                ? FileChannel.open(path, StandardOpenOption.READ)
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        BlockBackend backing = null;
        try {
            Qcow2Header header = Qcow2Header.read(path, file);
            checkFeatures(path, header, readOnly);
            long[] l1 = readL1(path, file, header);
            Qcow2Refcounts refcounts = null;
            if (!readOnly) {
                refcounts = Qcow2Refcounts.load(path, file, header);
                if (header.autoclearFeatures() != 0) PositionalIo.writeLong(file, Qcow2Header.AUTOCLEAR_FIELD, 0);
            }
            if (header.backingFile() != null) backing = BlockBackends.openBacking(path, header, backingDepth + 1);
            return new Qcow2Backend(path, file, header, backing, readOnly, l1, refcounts, DiskSerial.of(path));
        } catch (IOException | RuntimeException e) {
            if (backing != null) backing.close();
            file.close();
            throw e;
        }
    }

    private static void checkFeatures(Path path, Qcow2Header header, boolean readOnly) throws IOException {
        long incompatible = header.incompatibleFeatures();
        if ((incompatible & Qcow2Header.INCOMPATIBLE_EXTERNAL_DATA) != 0) throw Qcow2Header.unsupported(path, "external data file");
        if ((incompatible & Qcow2Header.INCOMPATIBLE_COMPRESSION_TYPE) != 0) throw Qcow2Header.unsupported(path, "compression type other than zlib");
        if ((incompatible & Qcow2Header.INCOMPATIBLE_EXTENDED_L2) != 0) throw Qcow2Header.unsupported(path, "extended L2 entries (subclusters)");
        if ((incompatible & ~KNOWN_INCOMPATIBLE) != 0) {
            throw Qcow2Header.unsupported(path, String.format("unknown incompatible feature bits %#x", incompatible & ~KNOWN_INCOMPATIBLE));
        }
        if (header.refcountOrder() != 4) {
            throw Qcow2Header.unsupported(path, "refcount_order " + header.refcountOrder() + " (" + (1 << header.refcountOrder())
                    + "-bit refcounts); only 16-bit refcounts (order 4) are supported");
        }
        if (readOnly) return;
        if ((incompatible & Qcow2Header.INCOMPATIBLE_DIRTY) != 0) {
            throw Qcow2Header.unsupported(path, "dirty image (lazy refcounts not written back); repair it with 'qemu-img check -r all' or open it read-only");
        }
        if ((incompatible & Qcow2Header.INCOMPATIBLE_CORRUPT) != 0) {
            throw Qcow2Header.unsupported(path, "image is marked corrupt; repair it with 'qemu-img check -r all' or open it read-only");
        }
        if (header.snapshotCount() != 0) {
            throw Qcow2Header.unsupported(path, "writing an image with " + header.snapshotCount() + " internal snapshots; open it read-only");
        }
    }

    private static long[] readL1(Path path, FileChannel file, Qcow2Header header) throws IOException {
        ByteBuffer raw = ByteBuffer.allocate(header.l1Size() * 8);
        PositionalIo.readFully(file, header.l1TableOffset(), raw);
        long[] l1 = new long[header.l1Size()];
        raw.flip().asLongBuffer().get(l1);
        for (int i = 0; i < l1.length; i++) {
            if ((l1[i] & OFFSET_MASK) % header.clusterSize() != 0) {
                throw Qcow2Header.malformed(path, String.format("L2 table %d at %#x is not cluster aligned", i, l1[i] & OFFSET_MASK));
            }
        }
        return l1;
    }

    @Override
    public long size() {
        return header.size();
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public synchronized void read(long offset, ByteBuffer dst) throws IOException {
        SectorRange.check(size(), offset, dst.remaining());
        int end = dst.limit();
        while (dst.position() < end) {
            long guestCluster = offset >>> clusterBits;
            int inCluster = (int) (offset & (clusterSize - 1));
            int length = Math.min(clusterSize - inCluster, end - dst.position());
            dst.limit(dst.position() + length);
            readCluster(guestCluster, inCluster, dst);
            dst.limit(end);
            offset += length;
        }
    }

    @Override
    public synchronized void write(long offset, ByteBuffer src) throws IOException {
        SectorRange.check(size(), offset, src.remaining());
        requireWritable();
        int end = src.limit();
        while (src.position() < end) {
            long guestCluster = offset >>> clusterBits;
            int inCluster = (int) (offset & (clusterSize - 1));
            int length = Math.min(clusterSize - inCluster, end - src.position());
            src.limit(src.position() + length);
            writeCluster(guestCluster, inCluster, src);
            src.limit(end);
            offset += length;
        }
    }

    /**
     * Whole clusters of a version 3 image become zero clusters (keeping an unshared allocation for
     * reuse); other ranges that do not already read as zeroes are written with zeroes.
     */
    @Override
    public synchronized void writeZeroes(long offset, long length) throws IOException {
        SectorRange.check(size(), offset, length);
        requireWritable();
        long end = offset + length;
        while (offset < end) {
            long guestCluster = offset >>> clusterBits;
            int inCluster = (int) (offset & (clusterSize - 1));
            int piece = (int) Math.min(clusterSize - inCluster, end - offset);
            long entry = l2Entry(guestCluster);
            if (!readsAsZeroes(entry)) {
                if (header.version() >= 3 && piece == clusterSize) {
                    zeroCluster(guestCluster, entry);
                } else {
                    writeCluster(guestCluster, inCluster, ByteBuffer.allocate(piece));
                }
            }
            offset += piece;
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (!readOnly) file.force(true);
    }

    @Override
    public String serial() {
        return serial;
    }

    @Override
    public synchronized void close() throws IOException {
        try (FileChannel f = file) {
            if (backing != null) backing.close();
        }
    }

    private void requireWritable() throws IOException {
        if (readOnly) throw new IOException(path + " is open read-only");
    }

    private boolean isZeroFlagged(long entry) {
        return header.version() >= 3 && (entry & COMPRESSED) == 0 && (entry & ZERO) != 0;
    }

    private boolean readsAsZeroes(long entry) {
        return isZeroFlagged(entry) || (entry == 0 && backing == null);
    }

    private void readCluster(long guestCluster, int inCluster, ByteBuffer dst) throws IOException {
        long entry = l2Entry(guestCluster);
        if ((entry & COMPRESSED) != 0) {
            dst.put(inflate(entry), inCluster, dst.remaining());
        } else if (isZeroFlagged(entry)) {
            PositionalIo.zeroFill(dst);
        } else if ((entry & OFFSET_MASK) != 0) {
            PositionalIo.readFully(file, (entry & OFFSET_MASK) + inCluster, dst);
        } else {
            readBacking((guestCluster << clusterBits) + inCluster, dst);
        }
    }

    private void readBacking(long offset, ByteBuffer dst) throws IOException {
        int available = backing == null ? 0 : (int) Math.clamp(backing.size() - offset, 0, dst.remaining());
        if (available > 0) {
            int end = dst.limit();
            dst.limit(dst.position() + available);
            backing.read(offset, dst);
            dst.limit(end);
        }
        PositionalIo.zeroFill(dst);
    }

    private void writeCluster(long guestCluster, int inCluster, ByteBuffer src) throws IOException {
        long entry = l2Entry(guestCluster);
        if (isWritableInPlace(entry)) {
            PositionalIo.writeFully(file, (entry & OFFSET_MASK) + inCluster, src);
            return;
        }
        ByteBuffer contents = src;
        if (src.remaining() != clusterSize) {
            byte[] cluster = new byte[clusterSize];
            readCluster(guestCluster, 0, ByteBuffer.wrap(cluster));
            src.get(cluster, inCluster, src.remaining());
            contents = ByteBuffer.wrap(cluster);
        }
        long host = refcounts.allocate(1);
        PositionalIo.writeFully(file, host, contents);
        setL2Entry(guestCluster, host | COPIED);
        release(entry);
    }

    private boolean isWritableInPlace(long entry) {
        return (entry & COMPRESSED) == 0 && !isZeroFlagged(entry) && (entry & OFFSET_MASK) != 0 && (entry & COPIED) != 0;
    }

    private void zeroCluster(long guestCluster, long entry) throws IOException {
        if (isWritableInPlace(entry)) {
            setL2Entry(guestCluster, entry | ZERO);
        } else {
            setL2Entry(guestCluster, ZERO);
            release(entry);
        }
    }

    /** Drops the reference an L2 entry held on its host clusters. */
    private void release(long entry) throws IOException {
        if ((entry & COMPRESSED) != 0) {
            CompressedExtent extent = compressedExtent(entry);
            refcounts.adjust(extent.offset, extent.length, -1);
        } else if ((entry & OFFSET_MASK) != 0) {
            refcounts.adjust(entry & OFFSET_MASK, clusterSize, -1);
        }
    }

    /** The guest cluster's L2 entry, 0 where no L2 table maps it. */
    private long l2Entry(long guestCluster) throws IOException {
        long table = l1[(int) (guestCluster >>> l2Bits)] & OFFSET_MASK;
        if (table == 0) return 0;
        long entry = PositionalIo.readLong(file, table + 8 * (guestCluster & ((1L << l2Bits) - 1)));
        if ((entry & COMPRESSED) == 0 && (entry & OFFSET_MASK & (clusterSize - 1)) != 0) {
            throw Qcow2Header.malformed(path, String.format("data cluster at %#x is not cluster aligned", entry & OFFSET_MASK));
        }
        return entry;
    }

    private void setL2Entry(long guestCluster, long entry) throws IOException {
        long table = l2TableForWrite((int) (guestCluster >>> l2Bits));
        PositionalIo.writeLong(file, table + 8 * (guestCluster & ((1L << l2Bits) - 1)), entry);
    }

    private long l2TableForWrite(int l1Index) throws IOException {
        long table = l1[l1Index] & OFFSET_MASK;
        if (table != 0) {
            if ((l1[l1Index] & COPIED) == 0) throw Qcow2Header.malformed(path, "L2 table " + l1Index + " is shared but no snapshot owns it");
            return table;
        }
        table = refcounts.allocate(1);
        PositionalIo.writeZeroes(file, table, clusterSize);
        l1[l1Index] = table | COPIED;
        PositionalIo.writeLong(file, header.l1TableOffset() + 8L * l1Index, l1[l1Index]);
        return table;
    }

    private record CompressedExtent(long offset, int length) {}

    /** Where the deflated bytes lie: an offset, then whole 512-byte sectors counted from its sector. */
    private CompressedExtent compressedExtent(long entry) {
        int sizeShift = 62 - (clusterBits - 8);
        long offset = entry & ((1L << sizeShift) - 1);
        long sectors = ((entry >>> sizeShift) & ((1L << (clusterBits - 8)) - 1)) + 1;
        return new CompressedExtent(offset, (int) (sectors * COMPRESSED_SECTOR - (offset & (COMPRESSED_SECTOR - 1))));
    }

    private byte[] inflate(long entry) throws IOException {
        CompressedExtent extent = compressedExtent(entry);
        ByteBuffer deflated = ByteBuffer.allocate(extent.length);
        PositionalIo.readFully(file, extent.offset, deflated);
        byte[] cluster = new byte[clusterSize];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated.array());
            int produced = 0;
            while (produced < clusterSize) {
                int n = inflater.inflate(cluster, produced, clusterSize - produced);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) break;
                produced += n;
            }
            if (produced != clusterSize) {
                throw Qcow2Header.malformed(path, String.format("compressed cluster at %#x inflates to %d bytes, not %d",
                        extent.offset, produced, clusterSize));
            }
            return cluster;
        } catch (DataFormatException e) {
            throw Qcow2Header.malformed(path, String.format("compressed cluster at %#x: %s", extent.offset, e.getMessage()));
        } finally {
            inflater.end();
        }
    }
}
