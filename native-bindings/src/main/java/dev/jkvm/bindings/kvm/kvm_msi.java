// Generated-style binding for struct kvm_msi of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_msi } */
public class kvm_msi {

    kvm_msi() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("address_lo"),
        Kvm_h.C_INT.withName("address_hi"),
        Kvm_h.C_INT.withName("data"),
        Kvm_h.C_INT.withName("flags"),
        Kvm_h.C_INT.withName("devid"),
        MemoryLayout.sequenceLayout(12, Kvm_h.C_CHAR).withName("pad")).withName("kvm_msi");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt address_lo$LAYOUT = (OfInt) $LAYOUT.select(groupElement("address_lo"));
    private static final long address_lo$OFFSET = $LAYOUT.byteOffset(groupElement("address_lo"));

    /** {@snippet lang=c : __u32 address_lo } */
    public static final OfInt address_lo$layout() { return address_lo$LAYOUT; }

    public static final long address_lo$offset() { return address_lo$OFFSET; }

    public static int address_lo(MemorySegment struct) { return struct.get(address_lo$LAYOUT, address_lo$OFFSET); }

    public static void address_lo(MemorySegment struct, int fieldValue) { struct.set(address_lo$LAYOUT, address_lo$OFFSET, fieldValue); }

    private static final OfInt address_hi$LAYOUT = (OfInt) $LAYOUT.select(groupElement("address_hi"));
    private static final long address_hi$OFFSET = $LAYOUT.byteOffset(groupElement("address_hi"));

    /** {@snippet lang=c : __u32 address_hi } */
    public static final OfInt address_hi$layout() { return address_hi$LAYOUT; }

    public static final long address_hi$offset() { return address_hi$OFFSET; }

    public static int address_hi(MemorySegment struct) { return struct.get(address_hi$LAYOUT, address_hi$OFFSET); }

    public static void address_hi(MemorySegment struct, int fieldValue) { struct.set(address_hi$LAYOUT, address_hi$OFFSET, fieldValue); }

    private static final OfInt data$LAYOUT = (OfInt) $LAYOUT.select(groupElement("data"));
    private static final long data$OFFSET = $LAYOUT.byteOffset(groupElement("data"));

    /** {@snippet lang=c : __u32 data } */
    public static final OfInt data$layout() { return data$LAYOUT; }

    public static final long data$offset() { return data$OFFSET; }

    public static int data(MemorySegment struct) { return struct.get(data$LAYOUT, data$OFFSET); }

    public static void data(MemorySegment struct, int fieldValue) { struct.set(data$LAYOUT, data$OFFSET, fieldValue); }

    private static final OfInt flags$LAYOUT = (OfInt) $LAYOUT.select(groupElement("flags"));
    private static final long flags$OFFSET = $LAYOUT.byteOffset(groupElement("flags"));

    /** {@snippet lang=c : __u32 flags } */
    public static final OfInt flags$layout() { return flags$LAYOUT; }

    public static final long flags$offset() { return flags$OFFSET; }

    public static int flags(MemorySegment struct) { return struct.get(flags$LAYOUT, flags$OFFSET); }

    public static void flags(MemorySegment struct, int fieldValue) { struct.set(flags$LAYOUT, flags$OFFSET, fieldValue); }

    private static final OfInt devid$LAYOUT = (OfInt) $LAYOUT.select(groupElement("devid"));
    private static final long devid$OFFSET = $LAYOUT.byteOffset(groupElement("devid"));

    /** {@snippet lang=c : __u32 devid } */
    public static final OfInt devid$layout() { return devid$LAYOUT; }

    public static final long devid$offset() { return devid$OFFSET; }

    public static int devid(MemorySegment struct) { return struct.get(devid$LAYOUT, devid$OFFSET); }

    public static void devid(MemorySegment struct, int fieldValue) { struct.set(devid$LAYOUT, devid$OFFSET, fieldValue); }

    private static final MemoryLayout pad$LAYOUT = $LAYOUT.select(groupElement("pad"));
    private static final long pad$OFFSET = $LAYOUT.byteOffset(groupElement("pad"));

    /** {@snippet lang=c : __u8 pad[12] } */
    public static final MemoryLayout pad$layout() { return pad$LAYOUT; }

    public static final long pad$offset() { return pad$OFFSET; }

    public static MemorySegment pad(MemorySegment struct) { return struct.asSlice(pad$OFFSET, pad$LAYOUT.byteSize()); }

    public static void pad(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, pad$OFFSET, pad$LAYOUT.byteSize());
    }

    public static byte pad(MemorySegment struct, long index0) {
        return struct.get(Kvm_h.C_CHAR, pad$OFFSET + index0 * 1);
    }

    public static void pad(MemorySegment struct, long index0, byte fieldValue) {
        struct.set(Kvm_h.C_CHAR, pad$OFFSET + index0 * 1, fieldValue);
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
