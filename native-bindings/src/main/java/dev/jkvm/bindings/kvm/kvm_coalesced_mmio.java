// Generated-style binding for struct kvm_coalesced_mmio of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfLong;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_coalesced_mmio } */
public class kvm_coalesced_mmio {

    kvm_coalesced_mmio() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_LONG_LONG.withName("phys_addr"),
        Kvm_h.C_INT.withName("len"),
        MemoryLayout.unionLayout(
            Kvm_h.C_INT.withName("pad"),
            Kvm_h.C_INT.withName("pio")).withName("$anon$0"),
        MemoryLayout.sequenceLayout(8, Kvm_h.C_CHAR).withName("data")).withName("kvm_coalesced_mmio");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfLong phys_addr$LAYOUT = (OfLong) $LAYOUT.select(groupElement("phys_addr"));
    private static final long phys_addr$OFFSET = $LAYOUT.byteOffset(groupElement("phys_addr"));

    /** {@snippet lang=c : __u64 phys_addr } */
    public static final OfLong phys_addr$layout() { return phys_addr$LAYOUT; }

    public static final long phys_addr$offset() { return phys_addr$OFFSET; }

    public static long phys_addr(MemorySegment struct) { return struct.get(phys_addr$LAYOUT, phys_addr$OFFSET); }

    public static void phys_addr(MemorySegment struct, long fieldValue) { struct.set(phys_addr$LAYOUT, phys_addr$OFFSET, fieldValue); }

    private static final OfInt len$LAYOUT = (OfInt) $LAYOUT.select(groupElement("len"));
    private static final long len$OFFSET = $LAYOUT.byteOffset(groupElement("len"));

    /** {@snippet lang=c : __u32 len } */
    public static final OfInt len$layout() { return len$LAYOUT; }

    public static final long len$offset() { return len$OFFSET; }

    public static int len(MemorySegment struct) { return struct.get(len$LAYOUT, len$OFFSET); }

    public static void len(MemorySegment struct, int fieldValue) { struct.set(len$LAYOUT, len$OFFSET, fieldValue); }

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

    private static final MemoryLayout data$LAYOUT = $LAYOUT.select(groupElement("data"));
    private static final long data$OFFSET = $LAYOUT.byteOffset(groupElement("data"));

    /** {@snippet lang=c : __u8 data[8] } */
    public static final MemoryLayout data$layout() { return data$LAYOUT; }

    public static final long data$offset() { return data$OFFSET; }

    public static MemorySegment data(MemorySegment struct) { return struct.asSlice(data$OFFSET, data$LAYOUT.byteSize()); }

    public static void data(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, data$OFFSET, data$LAYOUT.byteSize());
    }

    public static byte data(MemorySegment struct, long index0) {
        return struct.get(Kvm_h.C_CHAR, data$OFFSET + index0 * 1);
    }

    public static void data(MemorySegment struct, long index0, byte fieldValue) {
        struct.set(Kvm_h.C_CHAR, data$OFFSET + index0 * 1, fieldValue);
    }

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
