package dev.jkvm.devices.block;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a disk's sectors live on the host: a raw file, a qcow2 image. Offsets and lengths are in
 * bytes and multiples of 512. Device models turn an IOException into their I/O error status.
 *
 * <p>A request outside the disk or not whole sectors is a device model bug and throws
 * IllegalArgumentException: devices check guest-supplied ranges themselves and report their own
 * error (ATA IDNF, virtio-blk IOERR). {@link BlockBackends#open} opens images.
 */
public interface BlockBackend extends AutoCloseable {
    int SECTOR = 512;

    /** Capacity in bytes. */
    long size();

    boolean readOnly();

    /** Fills dst (from its position to its limit) with the bytes at offset. */
    void read(long offset, ByteBuffer dst) throws IOException;

    /** Writes src (position to limit) at offset. Fails on a read-only backend. */
    void write(long offset, ByteBuffer src) throws IOException;

    /** Makes every completed write durable (fsync for files). */
    void flush() throws IOException;

    /** Deallocates a range, reading back as zeroes where the format can; a hint otherwise. */
    default void discard(long offset, long length) throws IOException {
        writeZeroes(offset, length);
    }

    /** Makes a range read back as zeroes. */
    void writeZeroes(long offset, long length) throws IOException;

    /** A stable identifier for the disk, at most 20 ASCII characters (virtio-blk GET_ID, the ATA serial number). */
    String serial();

    @Override
    void close() throws IOException;
}
