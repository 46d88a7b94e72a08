package dev.jkvm.devices.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A disk image that is the disk's bytes, in order: positional I/O on the file, fsync to flush. */
public final class RawFileBackend implements BlockBackend {
    private final FileChannel file;
    private final boolean readOnly;
    private final long size;
    private final String serial;

    private RawFileBackend(FileChannel file, boolean readOnly, long size, String serial) {
        this.file = file;
        this.readOnly = readOnly;
        this.size = size;
        this.serial = serial;
    }

    /** Opens an existing file; its size must be whole sectors. */
    public static RawFileBackend open(Path path, boolean readOnly) throws IOException {
        FileChannel file = readOnly
                ? FileChannel.open(path, StandardOpenOption.READ)
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long size = file.size();
            if (size % SECTOR != 0) {
                throw new IOException(path + ": raw image size " + size + " is not a multiple of " + SECTOR + " bytes");
            }
            return new RawFileBackend(file, readOnly, size, DiskSerial.of(path));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        SectorRange.check(size, offset, dst.remaining());
        PositionalIo.readFully(file, offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        SectorRange.check(size, offset, src.remaining());
        requireWritable();
        PositionalIo.writeFully(file, offset, src);
    }

    @Override
    public void writeZeroes(long offset, long length) throws IOException {
        SectorRange.check(size, offset, length);
        requireWritable();
        PositionalIo.writeZeroes(file, offset, length);
    }

    @Override
    public void flush() throws IOException {
        if (!readOnly) file.force(true);
    }

    @Override
    public String serial() {
        return serial;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    private void requireWritable() throws IOException {
        if (readOnly) throw new IOException("disk " + serial + " is read-only");
    }
}
