// Generated-style binding for struct kvm_irq_level of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_irq_level } */
public class kvm_irq_level {

    kvm_irq_level() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        MemoryLayout.unionLayout(
            Kvm_h.C_INT.withName("irq"),
            Kvm_h.C_INT.withName("status")).withName("$anon$0"),
        Kvm_h.C_INT.withName("level")).withName("kvm_irq_level");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt irq$LAYOUT = (OfInt) $LAYOUT.select(groupElement("$anon$0"), groupElement("irq"));
    private static final long irq$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$0"), groupElement("irq"));

    /** {@snippet lang=c : __u32 irq } */
    public static final OfInt irq$layout() { return irq$LAYOUT; }

    public static final long irq$offset() { return irq$OFFSET; }

    public static int irq(MemorySegment struct) { return struct.get(irq$LAYOUT, irq$OFFSET); }

    public static void irq(MemorySegment struct, int fieldValue) { struct.set(irq$LAYOUT, irq$OFFSET, fieldValue); }

    private static final OfInt status$LAYOUT = (OfInt) $LAYOUT.select(groupElement("$anon$0"), groupElement("status"));
    private static final long status$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$0"), groupElement("status"));

    /** {@snippet lang=c : __s32 status } */
    public static final OfInt status$layout() { return status$LAYOUT; }

    public static final long status$offset() { return status$OFFSET; }

    public static int status(MemorySegment struct) { return struct.get(status$LAYOUT, status$OFFSET); }

    public static void status(MemorySegment struct, int fieldValue) { struct.set(status$LAYOUT, status$OFFSET, fieldValue); }

    private static final OfInt level$LAYOUT = (OfInt) $LAYOUT.select(groupElement("level"));
    private static final long level$OFFSET = $LAYOUT.byteOffset(groupElement("level"));

    /** {@snippet lang=c : __u32 level } */
    public static final OfInt level$layout() { return level$LAYOUT; }

    public static final long level$offset() { return level$OFFSET; }

    public static int level(MemorySegment struct) { return struct.get(level$LAYOUT, level$OFFSET); }

    public static void level(MemorySegment struct, int fieldValue) { struct.set(level$LAYOUT, level$OFFSET, fieldValue); }

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
