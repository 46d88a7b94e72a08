// Generated-style binding for struct kvm_stats_desc of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfShort;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_stats_desc } */
public class kvm_stats_desc {

    kvm_stats_desc() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("flags"),
        Kvm_h.C_SHORT.withName("exponent"),
        Kvm_h.C_SHORT.withName("size"),
        Kvm_h.C_INT.withName("offset"),
        Kvm_h.C_INT.withName("bucket_size"),
        MemoryLayout.sequenceLayout(0, Kvm_h.C_CHAR).withName("name")).withName("kvm_stats_desc");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt flags$LAYOUT = (OfInt) $LAYOUT.select(groupElement("flags"));
    private static final long flags$OFFSET = $LAYOUT.byteOffset(groupElement("flags"));

    /** {@snippet lang=c : __u32 flags } */
    public static final OfInt flags$layout() { return flags$LAYOUT; }

    public static final long flags$offset() { return flags$OFFSET; }

    public static int flags(MemorySegment struct) { return struct.get(flags$LAYOUT, flags$OFFSET); }

    public static void flags(MemorySegment struct, int fieldValue) { struct.set(flags$LAYOUT, flags$OFFSET, fieldValue); }

    private static final OfShort exponent$LAYOUT = (OfShort) $LAYOUT.select(groupElement("exponent"));
    private static final long exponent$OFFSET = $LAYOUT.byteOffset(groupElement("exponent"));

    /** {@snippet lang=c : __s16 exponent } */
    public static final OfShort exponent$layout() { return exponent$LAYOUT; }

    public static final long exponent$offset() { return exponent$OFFSET; }

    public static short exponent(MemorySegment struct) { return struct.get(exponent$LAYOUT, exponent$OFFSET); }

    public static void exponent(MemorySegment struct, short fieldValue) { struct.set(exponent$LAYOUT, exponent$OFFSET, fieldValue); }

    private static final OfShort size$LAYOUT = (OfShort) $LAYOUT.select(groupElement("size"));
    private static final long size$OFFSET = $LAYOUT.byteOffset(groupElement("size"));

    /** {@snippet lang=c : __u16 size } */
    public static final OfShort size$layout() { return size$LAYOUT; }

    public static final long size$offset() { return size$OFFSET; }

    public static short size(MemorySegment struct) { return struct.get(size$LAYOUT, size$OFFSET); }

    public static void size(MemorySegment struct, short fieldValue) { struct.set(size$LAYOUT, size$OFFSET, fieldValue); }

    private static final OfInt offset$LAYOUT = (OfInt) $LAYOUT.select(groupElement("offset"));
    private static final long offset$OFFSET = $LAYOUT.byteOffset(groupElement("offset"));

    /** {@snippet lang=c : __u32 offset } */
    public static final OfInt offset$layout() { return offset$LAYOUT; }

    public static final long offset$offset() { return offset$OFFSET; }

    public static int offset(MemorySegment struct) { return struct.get(offset$LAYOUT, offset$OFFSET); }

    public static void offset(MemorySegment struct, int fieldValue) { struct.set(offset$LAYOUT, offset$OFFSET, fieldValue); }

    private static final OfInt bucket_size$LAYOUT = (OfInt) $LAYOUT.select(groupElement("bucket_size"));
    private static final long bucket_size$OFFSET = $LAYOUT.byteOffset(groupElement("bucket_size"));

    /** {@snippet lang=c : __u32 bucket_size } */
    public static final OfInt bucket_size$layout() { return bucket_size$LAYOUT; }

    public static final long bucket_size$offset() { return bucket_size$OFFSET; }

    public static int bucket_size(MemorySegment struct) { return struct.get(bucket_size$LAYOUT, bucket_size$OFFSET); }

    public static void bucket_size(MemorySegment struct, int fieldValue) { struct.set(bucket_size$LAYOUT, bucket_size$OFFSET, fieldValue); }

    private static final MemoryLayout name$LAYOUT = $LAYOUT.select(groupElement("name"));
    private static final long name$OFFSET = $LAYOUT.byteOffset(groupElement("name"));

    /** {@snippet lang=c : char name[] } */
    public static final MemoryLayout name$layout() { return name$LAYOUT; }

    public static final long name$offset() { return name$OFFSET; }

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
