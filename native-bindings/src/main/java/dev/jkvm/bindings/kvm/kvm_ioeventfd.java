// Generated-style binding for struct kvm_ioeventfd of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfLong;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_ioeventfd } */
public class kvm_ioeventfd {

    kvm_ioeventfd() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_LONG_LONG.withName("datamatch"),
        Kvm_h.C_LONG_LONG.withName("addr"),
        Kvm_h.C_INT.withName("len"),
        Kvm_h.C_INT.withName("fd"),
        Kvm_h.C_INT.withName("flags"),
        MemoryLayout.sequenceLayout(36, Kvm_h.C_CHAR).withName("pad")).withName("kvm_ioeventfd");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfLong datamatch$LAYOUT = (OfLong) $LAYOUT.select(groupElement("datamatch"));
    private static final long datamatch$OFFSET = $LAYOUT.byteOffset(groupElement("datamatch"));

    /** {@snippet lang=c : __u64 datamatch } */
    public static final OfLong datamatch$layout() { return datamatch$LAYOUT; }

    public static final long datamatch$offset() { return datamatch$OFFSET; }

    public static long datamatch(MemorySegment struct) { return struct.get(datamatch$LAYOUT, datamatch$OFFSET); }

    public static void datamatch(MemorySegment struct, long fieldValue) { struct.set(datamatch$LAYOUT, datamatch$OFFSET, fieldValue); }

    private static final OfLong addr$LAYOUT = (OfLong) $LAYOUT.select(groupElement("addr"));
    private static final long addr$OFFSET = $LAYOUT.byteOffset(groupElement("addr"));

    /** {@snippet lang=c : __u64 addr } */
    public static final OfLong addr$layout() { return addr$LAYOUT; }

    public static final long addr$offset() { return addr$OFFSET; }

    public static long addr(MemorySegment struct) { return struct.get(addr$LAYOUT, addr$OFFSET); }

    public static void addr(MemorySegment struct, long fieldValue) { struct.set(addr$LAYOUT, addr$OFFSET, fieldValue); }

    private static final OfInt len$LAYOUT = (OfInt) $LAYOUT.select(groupElement("len"));
    private static final long len$OFFSET = $LAYOUT.byteOffset(groupElement("len"));

    /** {@snippet lang=c : __u32 len } */
    public static final OfInt len$layout() { return len$LAYOUT; }

    public static final long len$offset() { return len$OFFSET; }

    public static int len(MemorySegment struct) { return struct.get(len$LAYOUT, len$OFFSET); }

    public static void len(MemorySegment struct, int fieldValue) { struct.set(len$LAYOUT, len$OFFSET, fieldValue); }

    private static final OfInt fd$LAYOUT = (OfInt) $LAYOUT.select(groupElement("fd"));
    private static final long fd$OFFSET = $LAYOUT.byteOffset(groupElement("fd"));

    /** {@snippet lang=c : __s32 fd } */
    public static final OfInt fd$layout() { return fd$LAYOUT; }

    public static final long fd$offset() { return fd$OFFSET; }

    public static int fd(MemorySegment struct) { return struct.get(fd$LAYOUT, fd$OFFSET); }

    public static void fd(MemorySegment struct, int fieldValue) { struct.set(fd$LAYOUT, fd$OFFSET, fieldValue); }

    private static final OfInt flags$LAYOUT = (OfInt) $LAYOUT.select(groupElement("flags"));
    private static final long flags$OFFSET = $LAYOUT.byteOffset(groupElement("flags"));

    /** {@snippet lang=c : __u32 flags } */
    public static final OfInt flags$layout() { return flags$LAYOUT; }

    public static final long flags$offset() { return flags$OFFSET; }

    public static int flags(MemorySegment struct) { return struct.get(flags$LAYOUT, flags$OFFSET); }

    public static void flags(MemorySegment struct, int fieldValue) { struct.set(flags$LAYOUT, flags$OFFSET, fieldValue); }

    private static final MemoryLayout pad$LAYOUT = $LAYOUT.select(groupElement("pad"));
    private static final long pad$OFFSET = $LAYOUT.byteOffset(groupElement("pad"));

    /** {@snippet lang=c : __u8 pad[36] } */
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
