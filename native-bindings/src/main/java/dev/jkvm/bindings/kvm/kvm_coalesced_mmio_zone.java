// Generated-style binding for struct kvm_coalesced_mmio_zone of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfLong;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_coalesced_mmio_zone } */
public class kvm_coalesced_mmio_zone {

    kvm_coalesced_mmio_zone() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_LONG_LONG.withName("addr"),
        Kvm_h.C_INT.withName("size"),
        MemoryLayout.unionLayout(
            Kvm_h.C_INT.withName("pad"),
            Kvm_h.C_INT.withName("pio")).withName("$anon$0")).withName("kvm_coalesced_mmio_zone");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfLong addr$LAYOUT = (OfLong) $LAYOUT.select(groupElement("addr"));
    private static final long addr$OFFSET = $LAYOUT.byteOffset(groupElement("addr"));

    /** {@snippet lang=c : __u64 addr } */
    public static final OfLong addr$layout() { return addr$LAYOUT; }

    public static final long addr$offset() { return addr$OFFSET; }

    public static long addr(MemorySegment struct) { return struct.get(addr$LAYOUT, addr$OFFSET); }

    public static void addr(MemorySegment struct, long fieldValue) { struct.set(addr$LAYOUT, addr$OFFSET, fieldValue); }

    private static final OfInt size$LAYOUT = (OfInt) $LAYOUT.select(groupElement("size"));
    private static final long size$OFFSET = $LAYOUT.byteOffset(groupElement("size"));

    /** {@snippet lang=c : __u32 size } */
    public static final OfInt size$layout() { return size$LAYOUT; }

    public static final long size$offset() { return size$OFFSET; }

    public static int size(MemorySegment struct) { return struct.get(size$LAYOUT, size$OFFSET); }

    public static void size(MemorySegment struct, int fieldValue) { struct.set(size$LAYOUT, size$OFFSET, fieldValue); }

    private static final OfInt pad$LAYOUT = (OfInt) $LAYOUT.select(groupElement("$anon$0"), groupElement("pad"));
    private static final long pad$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$0"), groupElement("pad"));

    /** {@snippet lang=c : __u32 pad } */
    public static final OfInt pad$layout() { return pad$LAYOUT; }

    public static final long pad$offset() { return pad$OFFSET; }

    public static int pad(MemorySegment struct) { return struct.get(pad$LAYOUT, pad$OFFSET); }

    public static void pad(MemorySegment struct, int fieldValue) { struct.set(pad$LAYOUT, pad$OFFSET, fieldValue); }

    private static final OfInt pio$LAYOUT = (OfInt) $LAYOUT.select(groupElement("$anon$0"), groupElement("pio"));
    private static final long pio$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$0"), groupElement("pio"));

    /** {@snippet lang=c : __u32 pio } */
    public static final OfInt pio$layout() { return pio$LAYOUT; }

    public static final long pio$offset() { return pio$OFFSET; }

    public static int pio(MemorySegment struct) { return struct.get(pio$LAYOUT, pio$OFFSET); }

    public static void pio(MemorySegment struct, int fieldValue) { struct.set(pio$LAYOUT, pio$OFFSET, fieldValue); }

    /** Slices element {@code index} of an array of this type. */
    public static MemorySegment asSlice(MemorySegment array, long index) {
        return array.asSlice(layout().byteSize() * index, layout().byteSize());
    }

    public static long sizeof() { return layout().byteSize(); }

    public static MemorySegment allocate(SegmentAllocator allocator) { return allocator.allocate(layout()); }

    public static MemorySegment allocateArray(long elementCount, SegmentAllocator allocator) {
        return allocator.allocate(MemoryLayout.sequenceLayout(elementCount, layout()));
    }
}
