package dev.jkvm.devices.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Whole-buffer positional reads and writes; a sparse file's bytes past its end read as zeroes. */
final class PositionalIo {
    private static final int ZERO_CHUNK = 1 << 20;

    private PositionalIo() {}

    static void readFully(FileChannel file, long offset, ByteBuffer dst) throws IOException {
        while (dst.hasRemaining()) {
            int n = file.read(dst, offset);
            if (n < 0) {
                zeroFill(dst);
                return;
            }
            offset += n;
        }
    }

    static void writeFully(FileChannel file, long offset, ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            offset += file.write(src, offset);
        }
    }

    static void writeZeroes(FileChannel file, long offset, long length) throws IOException {
        ByteBuffer zeroes = ByteBuffer.allocate((int) Math.min(length, ZERO_CHUNK));
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(zeroes.capacity(), length - done);
            zeroes.clear().limit(n);
            writeFully(file, offset + done, zeroes);
            done += n;
        }
    }

    static long readLong(FileChannel file, long offset) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8);
        readFully(file, offset, b);
        return b.getLong(0);
    }

    static void writeLong(FileChannel file, long offset, long value) throws IOException {
        writeFully(file, offset, ByteBuffer.allocate(8).putLong(0, value));
    }

    static void zeroFill(ByteBuffer dst) {
        while (dst.hasRemaining()) dst.put((byte) 0);
    }
}
