package dev.jkvm.devices.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A disk in a byte array, for device tests; {@link #failRequests} makes every request fail as a broken disk would. */
public final class MemoryBackend implements BlockBackend {
    private final byte[] data;
    private volatile boolean failing;
    private int flushes;

    public MemoryBackend(int size) {
        this.data = new byte[size];
    }

    public synchronized byte[] contents() {
        return data.clone();
    }

    public synchronized void fill(int offset, byte[] bytes) {
        System.arraycopy(bytes, 0, data, offset, bytes.length);
    }

    public void failRequests(boolean fail) {
        failing = fail;
    }

    public synchronized int flushes() {
        return flushes;
    }

    @Override
    public long size() {
        return data.length;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public synchronized void read(long offset, ByteBuffer dst) throws IOException {
        check(offset, dst.remaining());
        dst.put(data, (int) offset, dst.remaining());
    }

    @Override
    public synchronized void write(long offset, ByteBuffer src) throws IOException {
        check(offset, src.remaining());
        src.get(data, (int) offset, src.remaining());
    }

    @Override
    public synchronized void flush() throws IOException {
        check(0, 0);
        flushes++;
    }

    @Override
    public synchronized void writeZeroes(long offset, long length) throws IOException {
        check(offset, length);
        Arrays.fill(data, (int) offset, (int) (offset + length), (byte) 0);
    }

    @Override
    public String serial() {
        return "MEMDISK0001";
    }

    @Override
    public void close() {}

    private void check(long offset, long length) throws IOException {
        if (failing) throw new IOException("injected disk failure");
        SectorRange.check(data.length, offset, length);
    }
}
