// Generated-style binding for struct kvm_userspace_memory_region of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfLong;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_userspace_memory_region } */
public class kvm_userspace_memory_region {

    kvm_userspace_memory_region() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("slot"),
        Kvm_h.C_INT.withName("flags"),
        Kvm_h.C_LONG_LONG.withName("guest_phys_addr"),
        Kvm_h.C_LONG_LONG.withName("memory_size"),
        Kvm_h.C_LONG_LONG.withName("userspace_addr")).withName("kvm_userspace_memory_region");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt slot$LAYOUT = (OfInt) $LAYOUT.select(groupElement("slot"));
    private static final long slot$OFFSET = $LAYOUT.byteOffset(groupElement("slot"));

    /** {@snippet lang=c : __u32 slot } */
    public static final OfInt slot$layout() { return slot$LAYOUT; }

    public static final long slot$offset() { return slot$OFFSET; }

    public static int slot(MemorySegment struct) { return struct.get(slot$LAYOUT, slot$OFFSET); }

    public static void slot(MemorySegment struct, int fieldValue) { struct.set(slot$LAYOUT, slot$OFFSET, fieldValue); }

    private static final OfInt flags$LAYOUT = (OfInt) $LAYOUT.select(groupElement("flags"));
    private static final long flags$OFFSET = $LAYOUT.byteOffset(groupElement("flags"));

    /** {@snippet lang=c : __u32 flags } */
    public static final OfInt flags$layout() { return flags$LAYOUT; }

    public static final long flags$offset() { return flags$OFFSET; }

    public static int flags(MemorySegment struct) { return struct.get(flags$LAYOUT, flags$OFFSET); }

    public static void flags(MemorySegment struct, int fieldValue) { struct.set(flags$LAYOUT, flags$OFFSET, fieldValue); }

    private static final OfLong guest_phys_addr$LAYOUT = (OfLong) $LAYOUT.select(groupElement("guest_phys_addr"));
    private static final long guest_phys_addr$OFFSET = $LAYOUT.byteOffset(groupElement("guest_phys_addr"));

    /** {@snippet lang=c : __u64 guest_phys_addr } */
    public static final OfLong guest_phys_addr$layout() { return guest_phys_addr$LAYOUT; }

    public static final long guest_phys_addr$offset() { return guest_phys_addr$OFFSET; }

    public static long guest_phys_addr(MemorySegment struct) { return struct.get(guest_phys_addr$LAYOUT, guest_phys_addr$OFFSET); }

    public static void guest_phys_addr(MemorySegment struct, long fieldValue) { struct.set(guest_phys_addr$LAYOUT, guest_phys_addr$OFFSET, fieldValue); }

    private static final OfLong memory_size$LAYOUT = (OfLong) $LAYOUT.select(groupElement("memory_size"));
    private static final long memory_size$OFFSET = $LAYOUT.byteOffset(groupElement("memory_size"));

    /** {@snippet lang=c : __u64 memory_size } */
    public static final OfLong memory_size$layout() { return memory_size$LAYOUT; }

    public static final long memory_size$offset() { return memory_size$OFFSET; }

    public static long memory_size(MemorySegment struct) { return struct.get(memory_size$LAYOUT, memory_size$OFFSET); }

    public static void memory_size(MemorySegment struct, long fieldValue) { struct.set(memory_size$LAYOUT, memory_size$OFFSET, fieldValue); }

    private static final OfLong userspace_addr$LAYOUT = (OfLong) $LAYOUT.select(groupElement("userspace_addr"));
    private static final long userspace_addr$OFFSET = $LAYOUT.byteOffset(groupElement("userspace_addr"));

    /** {@snippet lang=c : __u64 userspace_addr } */
    public static final OfLong userspace_addr$layout() { return userspace_addr$LAYOUT; }

    public static final long userspace_addr$offset() { return userspace_addr$OFFSET; }

    public static long userspace_addr(MemorySegment struct) { return struct.get(userspace_addr$LAYOUT, userspace_addr$OFFSET); }

    public static void userspace_addr(MemorySegment struct, long fieldValue) { struct.set(userspace_addr$LAYOUT, userspace_addr$OFFSET, fieldValue); }

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
