// Generated-style binding for struct kvm_lapic_state of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_lapic_state } */
public class kvm_lapic_state {

    kvm_lapic_state() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        MemoryLayout.sequenceLayout(1024, Kvm_h.C_CHAR).withName("regs")).withName("kvm_lapic_state");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final MemoryLayout regs$LAYOUT = $LAYOUT.select(groupElement("regs"));
    private static final long regs$OFFSET = $LAYOUT.byteOffset(groupElement("regs"));

    /** {@snippet lang=c : char regs[1024] } */
    public static final MemoryLayout regs$layout() { return regs$LAYOUT; }

    public static final long regs$offset() { return regs$OFFSET; }

    public static MemorySegment regs(MemorySegment struct) { return struct.asSlice(regs$OFFSET, regs$LAYOUT.byteSize()); }

    public static void regs(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, regs$OFFSET, regs$LAYOUT.byteSize());
    }

    public static byte regs(MemorySegment struct, long index0) {
        return struct.get(Kvm_h.C_CHAR, regs$OFFSET + index0 * 1);
    }

    public static void regs(MemorySegment struct, long index0, byte fieldValue) {
        struct.set(Kvm_h.C_CHAR, regs$OFFSET + index0 * 1, fieldValue);
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
