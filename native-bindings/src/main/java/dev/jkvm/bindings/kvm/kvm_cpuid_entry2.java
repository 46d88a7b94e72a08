// Generated-style binding for struct kvm_cpuid_entry2 of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_cpuid_entry2 } */
public class kvm_cpuid_entry2 {

    kvm_cpuid_entry2() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("function"),
        Kvm_h.C_INT.withName("index"),
        Kvm_h.C_INT.withName("flags"),
        Kvm_h.C_INT.withName("eax"),
        Kvm_h.C_INT.withName("ebx"),
        Kvm_h.C_INT.withName("ecx"),
        Kvm_h.C_INT.withName("edx"),
        MemoryLayout.sequenceLayout(3, Kvm_h.C_INT).withName("padding")).withName("kvm_cpuid_entry2");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt function$LAYOUT = (OfInt) $LAYOUT.select(groupElement("function"));
    private static final long function$OFFSET = $LAYOUT.byteOffset(groupElement("function"));

    /** {@snippet lang=c : __u32 function } */
    public static final OfInt function$layout() { return function$LAYOUT; }

    public static final long function$offset() { return function$OFFSET; }

    public static int function(MemorySegment struct) { return struct.get(function$LAYOUT, function$OFFSET); }

    public static void function(MemorySegment struct, int fieldValue) { struct.set(function$LAYOUT, function$OFFSET, fieldValue); }

    private static final OfInt index$LAYOUT = (OfInt) $LAYOUT.select(groupElement("index"));
    private static final long index$OFFSET = $LAYOUT.byteOffset(groupElement("index"));

    /** {@snippet lang=c : __u32 index } */
    public static final OfInt index$layout() { return index$LAYOUT; }

    public static final long index$offset() { return index$OFFSET; }

    public static int index(MemorySegment struct) { return struct.get(index$LAYOUT, index$OFFSET); }

    public static void index(MemorySegment struct, int fieldValue) { struct.set(index$LAYOUT, index$OFFSET, fieldValue); }

    private static final OfInt flags$LAYOUT = (OfInt) $LAYOUT.select(groupElement("flags"));
    private static final long flags$OFFSET = $LAYOUT.byteOffset(groupElement("flags"));

    /** {@snippet lang=c : __u32 flags } */
    public static final OfInt flags$layout() { return flags$LAYOUT; }

    public static final long flags$offset() { return flags$OFFSET; }

    public static int flags(MemorySegment struct) { return struct.get(flags$LAYOUT, flags$OFFSET); }

    public static void flags(MemorySegment struct, int fieldValue) { struct.set(flags$LAYOUT, flags$OFFSET, fieldValue); }

    private static final OfInt eax$LAYOUT = (OfInt) $LAYOUT.select(groupElement("eax"));
    private static final long eax$OFFSET = $LAYOUT.byteOffset(groupElement("eax"));

    /** {@snippet lang=c : __u32 eax } */
    public static final OfInt eax$layout() { return eax$LAYOUT; }

    public static final long eax$offset() { return eax$OFFSET; }

    public static int eax(MemorySegment struct) { return struct.get(eax$LAYOUT, eax$OFFSET); }

    public static void eax(MemorySegment struct, int fieldValue) { struct.set(eax$LAYOUT, eax$OFFSET, fieldValue); }

    private static final OfInt ebx$LAYOUT = (OfInt) $LAYOUT.select(groupElement("ebx"));
    private static final long ebx$OFFSET = $LAYOUT.byteOffset(groupElement("ebx"));

    /** {@snippet lang=c : __u32 ebx } */
    public static final OfInt ebx$layout() { return ebx$LAYOUT; }

    public static final long ebx$offset() { return ebx$OFFSET; }

    public static int ebx(MemorySegment struct) { return struct.get(ebx$LAYOUT, ebx$OFFSET); }

    public static void ebx(MemorySegment struct, int fieldValue) { struct.set(ebx$LAYOUT, ebx$OFFSET, fieldValue); }

    private static final OfInt ecx$LAYOUT = (OfInt) $LAYOUT.select(groupElement("ecx"));
    private static final long ecx$OFFSET = $LAYOUT.byteOffset(groupElement("ecx"));

    /** {@snippet lang=c : __u32 ecx } */
    public static final OfInt ecx$layout() { return ecx$LAYOUT; }

    public static final long ecx$offset() { return ecx$OFFSET; }

    public static int ecx(MemorySegment struct) { return struct.get(ecx$LAYOUT, ecx$OFFSET); }

    public static void ecx(MemorySegment struct, int fieldValue) { struct.set(ecx$LAYOUT, ecx$OFFSET, fieldValue); }

    private static final OfInt edx$LAYOUT = (OfInt) $LAYOUT.select(groupElement("edx"));
    private static final long edx$OFFSET = $LAYOUT.byteOffset(groupElement("edx"));

    /** {@snippet lang=c : __u32 edx } */
    public static final OfInt edx$layout() { return edx$LAYOUT; }

    public static final long edx$offset() { return edx$OFFSET; }

    public static int edx(MemorySegment struct) { return struct.get(edx$LAYOUT, edx$OFFSET); }

    public static void edx(MemorySegment struct, int fieldValue) { struct.set(edx$LAYOUT, edx$OFFSET, fieldValue); }

    private static final MemoryLayout padding$LAYOUT = $LAYOUT.select(groupElement("padding"));
    private static final long padding$OFFSET = $LAYOUT.byteOffset(groupElement("padding"));

    /** {@snippet lang=c : __u32 padding[3] } */
    public static final MemoryLayout padding$layout() { return padding$LAYOUT; }

    public static final long padding$offset() { return padding$OFFSET; }

    public static MemorySegment padding(MemorySegment struct) { return struct.asSlice(padding$OFFSET, padding$LAYOUT.byteSize()); }

    public static void padding(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, padding$OFFSET, padding$LAYOUT.byteSize());
    }

    public static int padding(MemorySegment struct, long index0) {
        return struct.get(Kvm_h.C_INT, padding$OFFSET + index0 * 4);
    }

    public static void padding(MemorySegment struct, long index0, int fieldValue) {
        struct.set(Kvm_h.C_INT, padding$OFFSET + index0 * 4, fieldValue);
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
