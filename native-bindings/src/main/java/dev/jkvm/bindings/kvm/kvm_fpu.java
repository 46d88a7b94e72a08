// Generated-style binding for struct kvm_fpu of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfByte;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfLong;
import java.lang.foreign.ValueLayout.OfShort;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_fpu } */
public class kvm_fpu {

    kvm_fpu() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        MemoryLayout.sequenceLayout(8, MemoryLayout.sequenceLayout(16, Kvm_h.C_CHAR)).withName("fpr"),
        Kvm_h.C_SHORT.withName("fcw"),
        Kvm_h.C_SHORT.withName("fsw"),
        Kvm_h.C_CHAR.withName("ftwx"),
        Kvm_h.C_CHAR.withName("pad1"),
        Kvm_h.C_SHORT.withName("last_opcode"),
        Kvm_h.C_LONG_LONG.withName("last_ip"),
        Kvm_h.C_LONG_LONG.withName("last_dp"),
        MemoryLayout.sequenceLayout(16, MemoryLayout.sequenceLayout(16, Kvm_h.C_CHAR)).withName("xmm"),
        Kvm_h.C_INT.withName("mxcsr"),
        Kvm_h.C_INT.withName("pad2")).withName("kvm_fpu");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final MemoryLayout fpr$LAYOUT = $LAYOUT.select(groupElement("fpr"));
    private static final long fpr$OFFSET = $LAYOUT.byteOffset(groupElement("fpr"));

    /** {@snippet lang=c : __u8 fpr[8][16] } */
    public static final MemoryLayout fpr$layout() { return fpr$LAYOUT; }

    public static final long fpr$offset() { return fpr$OFFSET; }

    public static MemorySegment fpr(MemorySegment struct) { return struct.asSlice(fpr$OFFSET, fpr$LAYOUT.byteSize()); }

    public static void fpr(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, fpr$OFFSET, fpr$LAYOUT.byteSize());
    }

    private static final OfShort fcw$LAYOUT = (OfShort) $LAYOUT.select(groupElement("fcw"));
    private static final long fcw$OFFSET = $LAYOUT.byteOffset(groupElement("fcw"));

    /** {@snippet lang=c : __u16 fcw } */
    public static final OfShort fcw$layout() { return fcw$LAYOUT; }

    public static final long fcw$offset() { return fcw$OFFSET; }

    public static short fcw(MemorySegment struct) { return struct.get(fcw$LAYOUT, fcw$OFFSET); }

    public static void fcw(MemorySegment struct, short fieldValue) { struct.set(fcw$LAYOUT, fcw$OFFSET, fieldValue); }

    private static final OfShort fsw$LAYOUT = (OfShort) $LAYOUT.select(groupElement("fsw"));
    private static final long fsw$OFFSET = $LAYOUT.byteOffset(groupElement("fsw"));

    /** {@snippet lang=c : __u16 fsw } */
    public static final OfShort fsw$layout() { return fsw$LAYOUT; }

    public static final long fsw$offset() { return fsw$OFFSET; }

    public static short fsw(MemorySegment struct) { return struct.get(fsw$LAYOUT, fsw$OFFSET); }

    public static void fsw(MemorySegment struct, short fieldValue) { struct.set(fsw$LAYOUT, fsw$OFFSET, fieldValue); }

    private static final OfByte ftwx$LAYOUT = (OfByte) $LAYOUT.select(groupElement("ftwx"));
    private static final long ftwx$OFFSET = $LAYOUT.byteOffset(groupElement("ftwx"));

    /** {@snippet lang=c : __u8 ftwx } */
    public static final OfByte ftwx$layout() { return ftwx$LAYOUT; }

    public static final long ftwx$offset() { return ftwx$OFFSET; }

    public static byte ftwx(MemorySegment struct) { return struct.get(ftwx$LAYOUT, ftwx$OFFSET); }

    public static void ftwx(MemorySegment struct, byte fieldValue) { struct.set(ftwx$LAYOUT, ftwx$OFFSET, fieldValue); }

    private static final OfByte pad1$LAYOUT = (OfByte) $LAYOUT.select(groupElement("pad1"));
    private static final long pad1$OFFSET = $LAYOUT.byteOffset(groupElement("pad1"));

    /** {@snippet lang=c : __u8 pad1 } */
    public static final OfByte pad1$layout() { return pad1$LAYOUT; }

    public static final long pad1$offset() { return pad1$OFFSET; }

    public static byte pad1(MemorySegment struct) { return struct.get(pad1$LAYOUT, pad1$OFFSET); }

    public static void pad1(MemorySegment struct, byte fieldValue) { struct.set(pad1$LAYOUT, pad1$OFFSET, fieldValue); }

    private static final OfShort last_opcode$LAYOUT = (OfShort) $LAYOUT.select(groupElement("last_opcode"));
    private static final long last_opcode$OFFSET = $LAYOUT.byteOffset(groupElement("last_opcode"));

    /** {@snippet lang=c : __u16 last_opcode } */
    public static final OfShort last_opcode$layout() { return last_opcode$LAYOUT; }

    public static final long last_opcode$offset() { return last_opcode$OFFSET; }

    public static short last_opcode(MemorySegment struct) { return struct.get(last_opcode$LAYOUT, last_opcode$OFFSET); }

    public static void last_opcode(MemorySegment struct, short fieldValue) { struct.set(last_opcode$LAYOUT, last_opcode$OFFSET, fieldValue); }

    private static final OfLong last_ip$LAYOUT = (OfLong) $LAYOUT.select(groupElement("last_ip"));
    private static final long last_ip$OFFSET = $LAYOUT.byteOffset(groupElement("last_ip"));

    /** {@snippet lang=c : __u64 last_ip } */
    public static final OfLong last_ip$layout() { return last_ip$LAYOUT; }

    public static final long last_ip$offset() { return last_ip$OFFSET; }

    public static long last_ip(MemorySegment struct) { return struct.get(last_ip$LAYOUT, last_ip$OFFSET); }

    public static void last_ip(MemorySegment struct, long fieldValue) { struct.set(last_ip$LAYOUT, last_ip$OFFSET, fieldValue); }

    private static final OfLong last_dp$LAYOUT = (OfLong) $LAYOUT.select(groupElement("last_dp"));
    private static final long last_dp$OFFSET = $LAYOUT.byteOffset(groupElement("last_dp"));

    /** {@snippet lang=c : __u64 last_dp } */
    public static final OfLong last_dp$layout() { return last_dp$LAYOUT; }

    public static final long last_dp$offset() { return last_dp$OFFSET; }

    public static long last_dp(MemorySegment struct) { return struct.get(last_dp$LAYOUT, last_dp$OFFSET); }

    public static void last_dp(MemorySegment struct, long fieldValue) { struct.set(last_dp$LAYOUT, last_dp$OFFSET, fieldValue); }

    private static final MemoryLayout xmm$LAYOUT = $LAYOUT.select(groupElement("xmm"));
    private static final long xmm$OFFSET = $LAYOUT.byteOffset(groupElement("xmm"));

    /** {@snippet lang=c : __u8 xmm[16][16] } */
    public static final MemoryLayout xmm$layout() { return xmm$LAYOUT; }

    public static final long xmm$offset() { return xmm$OFFSET; }

    public static MemorySegment xmm(MemorySegment struct) { return struct.asSlice(xmm$OFFSET, xmm$LAYOUT.byteSize()); }

    public static void xmm(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, xmm$OFFSET, xmm$LAYOUT.byteSize());
    }

    private static final OfInt mxcsr$LAYOUT = (OfInt) $LAYOUT.select(groupElement("mxcsr"));
    private static final long mxcsr$OFFSET = $LAYOUT.byteOffset(groupElement("mxcsr"));

    /** {@snippet lang=c : __u32 mxcsr } */
    public static final OfInt mxcsr$layout() { return mxcsr$LAYOUT; }

    public static final long mxcsr$offset() { return mxcsr$OFFSET; }

    public static int mxcsr(MemorySegment struct) { return struct.get(mxcsr$LAYOUT, mxcsr$OFFSET); }

    public static void mxcsr(MemorySegment struct, int fieldValue) { struct.set(mxcsr$LAYOUT, mxcsr$OFFSET, fieldValue); }

    private static final OfInt pad2$LAYOUT = (OfInt) $LAYOUT.select(groupElement("pad2"));
    private static final long pad2$OFFSET = $LAYOUT.byteOffset(groupElement("pad2"));

    /** {@snippet lang=c : __u32 pad2 } */
    public static final OfInt pad2$layout() { return pad2$LAYOUT; }

    public static final long pad2$offset() { return pad2$OFFSET; }

    public static int pad2(MemorySegment struct) { return struct.get(pad2$LAYOUT, pad2$OFFSET); }

    public static void pad2(MemorySegment struct, int fieldValue) { struct.set(pad2$LAYOUT, pad2$OFFSET, fieldValue); }

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
