// Generated-style binding for struct kvm_stats_header of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_stats_header } */
public class kvm_stats_header {

    kvm_stats_header() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("flags"),
        Kvm_h.C_INT.withName("name_size"),
        Kvm_h.C_INT.withName("num_desc"),
        Kvm_h.C_INT.withName("id_offset"),
        Kvm_h.C_INT.withName("desc_offset"),
        Kvm_h.C_INT.withName("data_offset")).withName("kvm_stats_header");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt flags$LAYOUT = (OfInt) $LAYOUT.select(groupElement("flags"));
    private static final long flags$OFFSET = $LAYOUT.byteOffset(groupElement("flags"));

    /** {@snippet lang=c : __u32 flags } */
    public static final OfInt flags$layout() { return flags$LAYOUT; }

    public static final long flags$offset() { return flags$OFFSET; }

    public static int flags(MemorySegment struct) { return struct.get(flags$LAYOUT, flags$OFFSET); }

    public static void flags(MemorySegment struct, int fieldValue) { struct.set(flags$LAYOUT, flags$OFFSET, fieldValue); }

    private static final OfInt name_size$LAYOUT = (OfInt) $LAYOUT.select(groupElement("name_size"));
    private static final long name_size$OFFSET = $LAYOUT.byteOffset(groupElement("name_size"));

    /** {@snippet lang=c : __u32 name_size } */
    public static final OfInt name_size$layout() { return name_size$LAYOUT; }

    public static final long name_size$offset() { return name_size$OFFSET; }

    public static int name_size(MemorySegment struct) { return struct.get(name_size$LAYOUT, name_size$OFFSET); }

    public static void name_size(MemorySegment struct, int fieldValue) { struct.set(name_size$LAYOUT, name_size$OFFSET, fieldValue); }

    private static final OfInt num_desc$LAYOUT = (OfInt) $LAYOUT.select(groupElement("num_desc"));
    private static final long num_desc$OFFSET = $LAYOUT.byteOffset(groupElement("num_desc"));

    /** {@snippet lang=c : __u32 num_desc } */
    public static final OfInt num_desc$layout() { return num_desc$LAYOUT; }

    public static final long num_desc$offset() { return num_desc$OFFSET; }

    public static int num_desc(MemorySegment struct) { return struct.get(num_desc$LAYOUT, num_desc$OFFSET); }

    public static void num_desc(MemorySegment struct, int fieldValue) { struct.set(num_desc$LAYOUT, num_desc$OFFSET, fieldValue); }

    private static final OfInt id_offset$LAYOUT = (OfInt) $LAYOUT.select(groupElement("id_offset"));
    private static final long id_offset$OFFSET = $LAYOUT.byteOffset(groupElement("id_offset"));

    /** {@snippet lang=c : __u32 id_offset } */
    public static final OfInt id_offset$layout() { return id_offset$LAYOUT; }

    public static final long id_offset$offset() { return id_offset$OFFSET; }

    public static int id_offset(MemorySegment struct) { return struct.get(id_offset$LAYOUT, id_offset$OFFSET); }

    public static void id_offset(MemorySegment struct, int fieldValue) { struct.set(id_offset$LAYOUT, id_offset$OFFSET, fieldValue); }

    private static final OfInt desc_offset$LAYOUT = (OfInt) $LAYOUT.select(groupElement("desc_offset"));
    private static final long desc_offset$OFFSET = $LAYOUT.byteOffset(groupElement("desc_offset"));

    /** {@snippet lang=c : __u32 desc_offset } */
    public static final OfInt desc_offset$layout() { return desc_offset$LAYOUT; }

    public static final long desc_offset$offset() { return desc_offset$OFFSET; }

    public static int desc_offset(MemorySegment struct) { return struct.get(desc_offset$LAYOUT, desc_offset$OFFSET); }

    public static void desc_offset(MemorySegment struct, int fieldValue) { struct.set(desc_offset$LAYOUT, desc_offset$OFFSET, fieldValue); }

    private static final OfInt data_offset$LAYOUT = (OfInt) $LAYOUT.select(groupElement("data_offset"));
    private static final long data_offset$OFFSET = $LAYOUT.byteOffset(groupElement("data_offset"));

    /** {@snippet lang=c : __u32 data_offset } */
    public static final OfInt data_offset$layout() { return data_offset$LAYOUT; }

    public static final long data_offset$offset() { return data_offset$OFFSET; }

    public static int data_offset(MemorySegment struct) { return struct.get(data_offset$LAYOUT, data_offset$OFFSET); }

    public static void data_offset(MemorySegment struct, int fieldValue) { struct.set(data_offset$LAYOUT, data_offset$OFFSET, fieldValue); }

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
