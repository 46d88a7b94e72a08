package dev.jkvm.devices.virtio;

import dev.jkvm.devices.memory.GuestMemory;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The guest RAM ranges of one direction of a descriptor chain, seen as one run of bytes (an iovec).
 * Every range was checked to lie in RAM when the chain was read, so accesses through it cannot fault.
 */
public final class GuestBuffers {
    /** A range of guest physical RAM. */
    public record Range(long address, long length) {}

    private final GuestMemory memory;
    private final List<Range> ranges;
    private final long length;

    GuestBuffers(GuestMemory memory, List<Range> ranges) {
        this.memory = memory;
        this.ranges = List.copyOf(ranges);
        long total = 0;
        for (Range r : ranges) total += r.length();
        this.length = total;
    }

    public long length() {
        return length;
    }

    public List<Range> ranges() {
        return ranges;
    }

    /** The bytes [offset, offset + length) of this run. */
    public GuestBuffers range(long offset, long length) {
        Objects.checkFromIndexSize(offset, length, this.length);
        List<Range> sub = new ArrayList<>();
        long skip = offset;
        long left = length;
        for (Range r : ranges) {
            if (left == 0) break;
            if (skip >= r.length()) {
                skip -= r.length();
                continue;
            }
            long take = Math.min(r.length() - skip, left);
            sub.add(new Range(r.address() + skip, take));
            skip = 0;
            left -= take;
        }
        return new GuestBuffers(memory, sub);
    }

    /** Read-only host views of the ranges, in order. */
    public List<MemorySegment> segments() {
        return writableSegments().stream().map(MemorySegment::asReadOnly).toList();
    }

    /** Host views of the ranges to write into, in order; call {@link #written} once the bytes are in. */
    public List<MemorySegment> writableSegments() {
        List<MemorySegment> segments = new ArrayList<>(ranges.size());
        for (Range r : ranges) segments.add(memory.writableSlice(r.address(), r.length()));
        return segments;
    }

    /** Reports writes made through {@link #writableSegments} to guest memory's observer. */
    public void written() {
        for (Range r : ranges) memory.written(r.address(), r.length());
    }

    public void read(long offset, byte[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        copy(offset, count, (address, at, n) -> memory.read(address, dst, dstOffset + at, n));
    }

    public void write(long offset, byte[] src, int srcOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        copy(offset, count, (address, at, n) -> memory.write(address, src, srcOffset + at, n));
    }

    public void writeByte(long offset, byte value) {
        write(offset, new byte[] {value}, 0, 1);
    }

    private interface Piece {
        void copy(long address, int arrayOffset, int count);
    }

    private void copy(long offset, int count, Piece piece) {
        Objects.checkFromIndexSize(offset, count, length);
        long skip = offset;
        int done = 0;
        for (Range r : ranges) {
            if (done == count) return;
            if (skip >= r.length()) {
                skip -= r.length();
                continue;
            }
            int n = (int) Math.min(r.length() - skip, count - done);
            piece.copy(r.address() + skip, done, n);
            skip = 0;
            done += n;
        }
    }
}
