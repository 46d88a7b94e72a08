// Generated-style binding for struct kvm_irq_routing_s390_adapter of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfLong;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_irq_routing_s390_adapter } */
public class kvm_irq_routing_s390_adapter {

    kvm_irq_routing_s390_adapter() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_LONG_LONG.withName("ind_addr"),
        Kvm_h.C_LONG_LONG.withName("summary_addr"),
        Kvm_h.C_LONG_LONG.withName("ind_offset"),
        Kvm_h.C_INT.withName("summary_offset"),
        Kvm_h.C_INT.withName("adapter_id")).withName("kvm_irq_routing_s390_adapter");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfLong ind_addr$LAYOUT = (OfLong) $LAYOUT.select(groupElement("ind_addr"));
    private static final long ind_addr$OFFSET = $LAYOUT.byteOffset(groupElement("ind_addr"));

    /** {@snippet lang=c : __u64 ind_addr } */
    public static final OfLong ind_addr$layout() { return ind_addr$LAYOUT; }

    public static final long ind_addr$offset() { return ind_addr$OFFSET; }

    public static long ind_addr(MemorySegment struct) { return struct.get(ind_addr$LAYOUT, ind_addr$OFFSET); }

    public static void ind_addr(MemorySegment struct, long fieldValue) { struct.set(ind_addr$LAYOUT, ind_addr$OFFSET, fieldValue); }

    private static final OfLong summary_addr$LAYOUT = (OfLong) $LAYOUT.select(groupElement("summary_addr"));
    private static final long summary_addr$OFFSET = $LAYOUT.byteOffset(groupElement("summary_addr"));

    /** {@snippet lang=c : __u64 summary_addr } */
    public static final OfLong summary_addr$layout() { return summary_addr$LAYOUT; }

    public static final long summary_addr$offset() { return summary_addr$OFFSET; }

    public static long summary_addr(MemorySegment struct) { return struct.get(summary_addr$LAYOUT, summary_addr$OFFSET); }

    public static void summary_addr(MemorySegment struct, long fieldValue) { struct.set(summary_addr$LAYOUT, summary_addr$OFFSET, fieldValue); }

    private static final OfLong ind_offset$LAYOUT = (OfLong) $LAYOUT.select(groupElement("ind_offset"));
    private static final long ind_offset$OFFSET = $LAYOUT.byteOffset(groupElement("ind_offset"));

    /** {@snippet lang=c : __u64 ind_offset } */
    public static final OfLong ind_offset$layout() { return ind_offset$LAYOUT; }

    public static final long ind_offset$offset() { return ind_offset$OFFSET; }

    public static long ind_offset(MemorySegment struct) { return struct.get(ind_offset$LAYOUT, ind_offset$OFFSET); }

    public static void ind_offset(MemorySegment struct, long fieldValue) { struct.set(ind_offset$LAYOUT, ind_offset$OFFSET, fieldValue); }

    private static final OfInt summary_offset$LAYOUT = (OfInt) $LAYOUT.select(groupElement("summary_offset"));
    private static final long summary_offset$OFFSET = $LAYOUT.byteOffset(groupElement("summary_offset"));

    /** {@snippet lang=c : __u32 summary_offset } */
    public static final OfInt summary_offset$layout() { return summary_offset$LAYOUT; }

    public static final long summary_offset$offset() { return summary_offset$OFFSET; }

    public static int summary_offset(MemorySegment struct) { return struct.get(summary_offset$LAYOUT, summary_offset$OFFSET); }

    public static void summary_offset(MemorySegment struct, int fieldValue) { struct.set(summary_offset$LAYOUT, summary_offset$OFFSET, fieldValue); }

    private static final OfInt adapter_id$LAYOUT = (OfInt) $LAYOUT.select(groupElement("adapter_id"));
    private static final long adapter_id$OFFSET = $LAYOUT.byteOffset(groupElement("adapter_id"));

    /** {@snippet lang=c : __u32 adapter_id } */
    public static final OfInt adapter_id$layout() { return adapter_id$LAYOUT; }

    public static final long adapter_id$offset() { return adapter_id$OFFSET; }

    public static int adapter_id(MemorySegment struct) { return struct.get(adapter_id$LAYOUT, adapter_id$OFFSET); }

    public static void adapter_id(MemorySegment struct, int fieldValue) { struct.set(adapter_id$LAYOUT, adapter_id$OFFSET, fieldValue); }

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
