// Generated-style binding for struct kvm_irqfd of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_irqfd } */
public class kvm_irqfd {

    kvm_irqfd() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("fd"),
        Kvm_h.C_INT.withName("gsi"),
        Kvm_h.C_INT.withName("flags"),
        Kvm_h.C_INT.withName("resamplefd"),
        MemoryLayout.sequenceLayout(16, Kvm_h.C_CHAR).withName("pad")).withName("kvm_irqfd");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt fd$LAYOUT = (OfInt) $LAYOUT.select(groupElement("fd"));
    private static final long fd$OFFSET = $LAYOUT.byteOffset(groupElement("fd"));

    /** {@snippet lang=c : __u32 fd } */
    public static final OfInt fd$layout() { return fd$LAYOUT; }

    public static final long fd$offset() { return fd$OFFSET; }

    public static int fd(MemorySegment struct) { return struct.get(fd$LAYOUT, fd$OFFSET); }

    public static void fd(MemorySegment struct, int fieldValue) { struct.set(fd$LAYOUT, fd$OFFSET, fieldValue); }

    private static final OfInt gsi$LAYOUT = (OfInt) $LAYOUT.select(groupElement("gsi"));
    private static final long gsi$OFFSET = $LAYOUT.byteOffset(groupElement("gsi"));

    /** {@snippet lang=c : __u32 gsi } */
    public static final OfInt gsi$layout() { return gsi$LAYOUT; }

    public static final long gsi$offset() { return gsi$OFFSET; }

    public static int gsi(MemorySegment struct) { return struct.get(gsi$LAYOUT, gsi$OFFSET); }

    public static void gsi(MemorySegment struct, int fieldValue) { struct.set(gsi$LAYOUT, gsi$OFFSET, fieldValue); }

    private static final OfInt flags$LAYOUT = (OfInt) $LAYOUT.select(groupElement("flags"));
    private static final long flags$OFFSET = $LAYOUT.byteOffset(groupElement("flags"));

    /** {@snippet lang=c : __u32 flags } */
    public static final OfInt flags$layout() { return flags$LAYOUT; }

    public static final long flags$offset() { return flags$OFFSET; }

    public static int flags(MemorySegment struct) { return struct.get(flags$LAYOUT, flags$OFFSET); }

    public static void flags(MemorySegment struct, int fieldValue) { struct.set(flags$LAYOUT, flags$OFFSET, fieldValue); }

    private static final OfInt resamplefd$LAYOUT = (OfInt) $LAYOUT.select(groupElement("resamplefd"));
    private static final long resamplefd$OFFSET = $LAYOUT.byteOffset(groupElement("resamplefd"));

    /** {@snippet lang=c : __u32 resamplefd } */
    public static final OfInt resamplefd$layout() { return resamplefd$LAYOUT; }

    public static final long resamplefd$offset() { return resamplefd$OFFSET; }

    public static int resamplefd(MemorySegment struct) { return struct.get(resamplefd$LAYOUT, resamplefd$OFFSET); }

    public static void resamplefd(MemorySegment struct, int fieldValue) { struct.set(resamplefd$LAYOUT, resamplefd$OFFSET, fieldValue); }

    private static final MemoryLayout pad$LAYOUT = $LAYOUT.select(groupElement("pad"));
    private static final long pad$OFFSET = $LAYOUT.byteOffset(groupElement("pad"));

    /** {@snippet lang=c : __u8 pad[16] } */
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
