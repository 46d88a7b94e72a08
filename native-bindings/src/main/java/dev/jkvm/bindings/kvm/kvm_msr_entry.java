// Generated-style binding for struct kvm_msr_entry of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfLong;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_msr_entry } */
public class kvm_msr_entry {

    kvm_msr_entry() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("index"),
        Kvm_h.C_INT.withName("reserved"),
        Kvm_h.C_LONG_LONG.withName("data")).withName("kvm_msr_entry");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt index$LAYOUT = (OfInt) $LAYOUT.select(groupElement("index"));
    private static final long index$OFFSET = $LAYOUT.byteOffset(groupElement("index"));

    /** {@snippet lang=c : __u32 index } */
    public static final OfInt index$layout() { return index$LAYOUT; }

    public static final long index$offset() { return index$OFFSET; }

    public static int index(MemorySegment struct) { return struct.get(index$LAYOUT, index$OFFSET); }

    public static void index(MemorySegment struct, int fieldValue) { struct.set(index$LAYOUT, index$OFFSET, fieldValue); }

    private static final OfInt reserved$LAYOUT = (OfInt) $LAYOUT.select(groupElement("reserved"));
    private static final long reserved$OFFSET = $LAYOUT.byteOffset(groupElement("reserved"));

    /** {@snippet lang=c : __u32 reserved } */
    public static final OfInt reserved$layout() { return reserved$LAYOUT; }

    public static final long reserved$offset() { return reserved$OFFSET; }

    public static int reserved(MemorySegment struct) { return struct.get(reserved$LAYOUT, reserved$OFFSET); }

    public static void reserved(MemorySegment struct, int fieldValue) { struct.set(reserved$LAYOUT, reserved$OFFSET, fieldValue); }

    private static final OfLong data$LAYOUT = (OfLong) $LAYOUT.select(groupElement("data"));
    private static final long data$OFFSET = $LAYOUT.byteOffset(groupElement("data"));

    /** {@snippet lang=c : __u64 data } */
    public static final OfLong data$layout() { return data$LAYOUT; }

    public static final long data$offset() { return data$OFFSET; }

    public static long data(MemorySegment struct) { return struct.get(data$LAYOUT, data$OFFSET); }

    public static void data(MemorySegment struct, long fieldValue) { struct.set(data$LAYOUT, data$OFFSET, fieldValue); }

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
