package dev.jkvm.devices.memory;

import dev.jkvm.sys.AnonymousMapping;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Guest physical RAM: a few regions, each an anonymous mmap so KVM can register the same host
 * memory. Every accessor is bounds-checked: an address outside RAM raises
 * {@link GuestMemoryException} and never reaches host memory. Multi-byte values are little-endian.
 *
 * <p>Host-side writes (device DMA, the loader) are reported to a {@link WriteObserver} after they land,
 * so a software CPU can drop code it decoded from the bytes that changed.
 */
public final class GuestMemory implements AutoCloseable {
    /** Told, on the writing thread, after host code wrote [address, address + length) of guest RAM. */
    @FunctionalInterface
    public interface WriteObserver {
        void written(long address, long length);
    }

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    /** A guest range to back with RAM. */
    public record Range(long base, long size) {}

    private final RamRegion[] regions;
    private final List<AnonymousMapping> mappings;
    private volatile WriteObserver observer = (address, length) -> {};

    private GuestMemory(RamRegion[] regions, List<AnonymousMapping> mappings) {
        this.regions = regions;
        this.mappings = mappings;
    }

    /** Maps anonymous host memory for each range. Ranges must not overlap. */
    public static GuestMemory allocate(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::base));
        for (int i = 1; i < sorted.size(); i++) {
            Range prev = sorted.get(i - 1);
            if (prev.base() + prev.size() > sorted.get(i).base()) {
                throw new IllegalArgumentException("RAM ranges overlap: " + prev + " and " + sorted.get(i));
            }
        }
        List<AnonymousMapping> mappings = new ArrayList<>();
        RamRegion[] regions = new RamRegion[sorted.size()];
        try {
            for (int i = 0; i < sorted.size(); i++) {
                AnonymousMapping mapping = AnonymousMapping.map(sorted.get(i).size());
                mappings.add(mapping);
                regions[i] = new RamRegion(sorted.get(i).base(), mapping.segment());
            }
        } catch (RuntimeException e) {
            mappings.forEach(AnonymousMapping::close);
            throw e;
        }
        return new GuestMemory(regions, mappings);
    }

    /** Guest memory over existing host segments (tests, or memory the caller owns). */
    public static GuestMemory wrap(List<RamRegion> regions) {
        RamRegion[] sorted = regions.toArray(new RamRegion[0]);
        java.util.Arrays.sort(sorted, Comparator.comparingLong(RamRegion::guestBase));
        return new GuestMemory(sorted, List.of());
    }

    public List<RamRegion> regions() {
        return List.of(regions);
    }

    /** Total RAM in bytes. */
    public long size() {
        long total = 0;
        for (RamRegion r : regions) total += r.size();
        return total;
    }

    private RamRegion regionFor(long address, long length) {
        for (RamRegion r : regions) {
            if (r.contains(address, length)) return r;
        }
        throw new GuestMemoryException(address, length);
    }

    public boolean isRam(long address, long length) {
        for (RamRegion r : regions) {
            if (r.contains(address, length)) return true;
        }
        return false;
    }

    /**
     * Sets who hears of host-side writes: the software CPU's physical memory, one per machine. A later
     * call replaces the observer, so memory reused by a series of CPUs keeps none of the old ones alive.
     */
    public void setWriteObserver(WriteObserver observer) {
        this.observer = observer;
    }

    /** Reports a write made through a {@link #writableSlice}. */
    public void written(long address, long length) {
        observer.written(address, length);
    }

    /** A read-only view of guest RAM. The whole range must lie in one region. */
    public MemorySegment slice(long address, long length) {
        return writableSlice(address, length).asReadOnly();
    }

    /** A view of guest RAM to write into; call {@link #written} once the bytes are in. */
    public MemorySegment writableSlice(long address, long length) {
        RamRegion r = regionFor(address, length);
        return r.host().asSlice(address - r.guestBase(), length);
    }

    public byte readByte(long address) {
        RamRegion r = regionFor(address, 1);
        return r.host().get(ValueLayout.JAVA_BYTE, address - r.guestBase());
    }

    public short readShort(long address) {
        RamRegion r = regionFor(address, 2);
        return r.host().get(SHORT, address - r.guestBase());
    }

    public int readInt(long address) {
        RamRegion r = regionFor(address, 4);
        return r.host().get(INT, address - r.guestBase());
    }

    public long readLong(long address) {
        RamRegion r = regionFor(address, 8);
        return r.host().get(LONG, address - r.guestBase());
    }

    public void writeByte(long address, byte value) {
        RamRegion r = regionFor(address, 1);
        r.host().set(ValueLayout.JAVA_BYTE, address - r.guestBase(), value);
        written(address, 1);
    }

    public void writeShort(long address, short value) {
        RamRegion r = regionFor(address, 2);
        r.host().set(SHORT, address - r.guestBase(), value);
        written(address, 2);
    }

    public void writeInt(long address, int value) {
        RamRegion r = regionFor(address, 4);
        r.host().set(INT, address - r.guestBase(), value);
        written(address, 4);
    }

    public void writeLong(long address, long value) {
        RamRegion r = regionFor(address, 8);
        r.host().set(LONG, address - r.guestBase(), value);
        written(address, 8);
    }

    public void read(long address, byte[] dst, int offset, int length) {
        MemorySegment.copy(slice(address, length), ValueLayout.JAVA_BYTE, 0, dst, offset, length);
    }

    public void write(long address, byte[] src, int offset, int length) {
        MemorySegment.copy(src, offset, writableSlice(address, length), ValueLayout.JAVA_BYTE, 0, length);
        written(address, length);
    }

    public void write(long address, byte[] src) {
        write(address, src, 0, src.length);
    }

    @Override
    public void close() {
        mappings.forEach(AnonymousMapping::close);
    }
}
