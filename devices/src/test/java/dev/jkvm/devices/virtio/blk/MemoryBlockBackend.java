package dev.jkvm.devices.virtio.blk;

import dev.jkvm.devices.block.BlockBackend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A disk in a byte array that counts flushes and can be told to fail every I/O. */
public final class MemoryBlockBackend implements BlockBackend {
    public final byte[] disk;
    private final boolean readOnly;
    int flushes;
    boolean failing;

    public MemoryBlockBackend(int sectors, boolean readOnly) {
        this.disk = new byte[sectors * SECTOR];
        this.readOnly = readOnly;
    }

    @Override
    public long size() {
        return disk.length;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    private void check(long offset, long length) throws IOException {
        if (failing) throw new IOException("medium error");
        if (offset % SECTOR != 0 || length % SECTOR != 0) throw new AssertionError("unaligned backend access " + offset + "+" + length);
        if (offset < 0 || offset + length > disk.length) throw new AssertionError("past the disk " + offset + "+" + length);
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        check(offset, dst.remaining());
        dst.put(disk, (int) offset, dst.remaining());
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        if (readOnly) throw new AssertionError("write to a read-only disk");
        check(offset, src.remaining());
        src.get(disk, (int) offset, src.remaining());
    }

    @Override
    public void flush() throws IOException {
        if (failing) throw new IOException("medium error");
        flushes++;
    }

    @Override
    public void writeZeroes(long offset, long length) throws IOException {
        check(offset, length);
        Arrays.fill(disk, (int) offset, (int) (offset + length), (byte) 0);
    }

    @Override
    public String serial() {
        return "jkvm-test-disk";
    }

    @Override
    public void close() {}
}
