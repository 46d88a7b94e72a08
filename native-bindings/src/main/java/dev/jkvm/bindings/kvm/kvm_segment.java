// Generated-style binding for struct kvm_segment of linux/kvm.h (x86_64); regenerate with jextract.sh.
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

/** {@snippet lang=c : struct kvm_segment } */
public class kvm_segment {

    kvm_segment() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_LONG_LONG.withName("base"),
        Kvm_h.C_INT.withName("limit"),
        Kvm_h.C_SHORT.withName("selector"),
        Kvm_h.C_CHAR.withName("type"),
        Kvm_h.C_CHAR.withName("present"),
        Kvm_h.C_CHAR.withName("dpl"),
        Kvm_h.C_CHAR.withName("db"),
        Kvm_h.C_CHAR.withName("s"),
        Kvm_h.C_CHAR.withName("l"),
        Kvm_h.C_CHAR.withName("g"),
        Kvm_h.C_CHAR.withName("avl"),
        Kvm_h.C_CHAR.withName("unusable"),
        Kvm_h.C_CHAR.withName("padding")).withName("kvm_segment");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfLong base$LAYOUT = (OfLong) $LAYOUT.select(groupElement("base"));
    private static final long base$OFFSET = $LAYOUT.byteOffset(groupElement("base"));

    /** {@snippet lang=c : __u64 base } */
    public static final OfLong base$layout() { return base$LAYOUT; }

    public static final long base$offset() { return base$OFFSET; }

    public static long base(MemorySegment struct) { return struct.get(base$LAYOUT, base$OFFSET); }

    public static void base(MemorySegment struct, long fieldValue) { struct.set(base$LAYOUT, base$OFFSET, fieldValue); }

    private static final OfInt limit$LAYOUT = (OfInt) $LAYOUT.select(groupElement("limit"));
    private static final long limit$OFFSET = $LAYOUT.byteOffset(groupElement("limit"));

    /** {@snippet lang=c : __u32 limit } */
    public static final OfInt limit$layout() { return limit$LAYOUT; }

    public static final long limit$offset() { return limit$OFFSET; }

    public static int limit(MemorySegment struct) { return struct.get(limit$LAYOUT, limit$OFFSET); }

    public static void limit(MemorySegment struct, int fieldValue) { struct.set(limit$LAYOUT, limit$OFFSET, fieldValue); }

    private static final OfShort selector$LAYOUT = (OfShort) $LAYOUT.select(groupElement("selector"));
    private static final long selector$OFFSET = $LAYOUT.byteOffset(groupElement("selector"));

    /** {@snippet lang=c : __u16 selector } */
    public static final OfShort selector$layout() { return selector$LAYOUT; }

    public static final long selector$offset() { return selector$OFFSET; }

    public static short selector(MemorySegment struct) { return struct.get(selector$LAYOUT, selector$OFFSET); }

    public static void selector(MemorySegment struct, short fieldValue) { struct.set(selector$LAYOUT, selector$OFFSET, fieldValue); }

    private static final OfByte type$LAYOUT = (OfByte) $LAYOUT.select(groupElement("type"));
    private static final long type$OFFSET = $LAYOUT.byteOffset(groupElement("type"));

    /** {@snippet lang=c : __u8 type } */
    public static final OfByte type$layout() { return type$LAYOUT; }

    public static final long type$offset() { return type$OFFSET; }

    public static byte type(MemorySegment struct) { return struct.get(type$LAYOUT, type$OFFSET); }

    public static void type(MemorySegment struct, byte fieldValue) { struct.set(type$LAYOUT, type$OFFSET, fieldValue); }

    private static final OfByte present$LAYOUT = (OfByte) $LAYOUT.select(groupElement("present"));
    private static final long present$OFFSET = $LAYOUT.byteOffset(groupElement("present"));

    /** {@snippet lang=c : __u8 present } */
    public static final OfByte present$layout() { return present$LAYOUT; }

    public static final long present$offset() { return present$OFFSET; }

    public static byte present(MemorySegment struct) { return struct.get(present$LAYOUT, present$OFFSET); }

    public static void present(MemorySegment struct, byte fieldValue) { struct.set(present$LAYOUT, present$OFFSET, fieldValue); }

    private static final OfByte dpl$LAYOUT = (OfByte) $LAYOUT.select(groupElement("dpl"));
    private static final long dpl$OFFSET = $LAYOUT.byteOffset(groupElement("dpl"));

    /** {@snippet lang=c : __u8 dpl } */
    public static final OfByte dpl$layout() { return dpl$LAYOUT; }

    public static final long dpl$offset() { return dpl$OFFSET; }

    public static byte dpl(MemorySegment struct) { return struct.get(dpl$LAYOUT, dpl$OFFSET); }

    public static void dpl(MemorySegment struct, byte fieldValue) { struct.set(dpl$LAYOUT, dpl$OFFSET, fieldValue); }

    private static final OfByte db$LAYOUT = (OfByte) $LAYOUT.select(groupElement("db"));
    private static final long db$OFFSET = $LAYOUT.byteOffset(groupElement("db"));

    /** {@snippet lang=c : __u8 db } */
    public static final OfByte db$layout() { return db$LAYOUT; }

    public static final long db$offset() { return db$OFFSET; }

    public static byte db(MemorySegment struct) { return struct.get(db$LAYOUT, db$OFFSET); }

    public static void db(MemorySegment struct, byte fieldValue) { struct.set(db$LAYOUT, db$OFFSET, fieldValue); }

    private static final OfByte s$LAYOUT = (OfByte) $LAYOUT.select(groupElement("s"));
    private static final long s$OFFSET = $LAYOUT.byteOffset(groupElement("s"));

    /** {@snippet lang=c : __u8 s } */
    public static final OfByte s$layout() { return s$LAYOUT; }

    public static final long s$offset() { return s$OFFSET; }

    public static byte s(MemorySegment struct) { return struct.get(s$LAYOUT, s$OFFSET); }

    public static void s(MemorySegment struct, byte fieldValue) { struct.set(s$LAYOUT, s$OFFSET, fieldValue); }

    private static final OfByte l$LAYOUT = (OfByte) $LAYOUT.select(groupElement("l"));
    private static final long l$OFFSET = $LAYOUT.byteOffset(groupElement("l"));

    /** {@snippet lang=c : __u8 l } */
    public static final OfByte l$layout() { return l$LAYOUT; }

    public static final long l$offset() { return l$OFFSET; }

    public static byte l(MemorySegment struct) { return struct.get(l$LAYOUT, l$OFFSET); }

    public static void l(MemorySegment struct, byte fieldValue) { struct.set(l$LAYOUT, l$OFFSET, fieldValue); }

    private static final OfByte g$LAYOUT = (OfByte) $LAYOUT.select(groupElement("g"));
    private static final long g$OFFSET = $LAYOUT.byteOffset(groupElement("g"));

    /** {@snippet lang=c : __u8 g } */
    public static final OfByte g$layout() { return g$LAYOUT; }

    public static final long g$offset() { return g$OFFSET; }

    public static byte g(MemorySegment struct) { return struct.get(g$LAYOUT, g$OFFSET); }

    public static void g(MemorySegment struct, byte fieldValue) { struct.set(g$LAYOUT, g$OFFSET, fieldValue); }

    private static final OfByte avl$LAYOUT = (OfByte) $LAYOUT.select(groupElement("avl"));
    private static final long avl$OFFSET = $LAYOUT.byteOffset(groupElement("avl"));

    /** {@snippet lang=c : __u8 avl } */
    public static final OfByte avl$layout() { return avl$LAYOUT; }

    public static final long avl$offset() { return avl$OFFSET; }

    public static byte avl(MemorySegment struct) { return struct.get(avl$LAYOUT, avl$OFFSET); }

    public static void avl(MemorySegment struct, byte fieldValue) { struct.set(avl$LAYOUT, avl$OFFSET, fieldValue); }

    private static final OfByte unusable$LAYOUT = (OfByte) $LAYOUT.select(groupElement("unusable"));
    private static final long unusable$OFFSET = $LAYOUT.byteOffset(groupElement("unusable"));

    /** {@snippet lang=c : __u8 unusable } */
    public static final OfByte unusable$layout() { return unusable$LAYOUT; }

    public static final long unusable$offset() { return unusable$OFFSET; }

    public static byte unusable(MemorySegment struct) { return struct.get(unusable$LAYOUT, unusable$OFFSET); }

    public static void unusable(MemorySegment struct, byte fieldValue) { struct.set(unusable$LAYOUT, unusable$OFFSET, fieldValue); }

    private static final OfByte padding$LAYOUT = (OfByte) $LAYOUT.select(groupElement("padding"));
    private static final long padding$OFFSET = $LAYOUT.byteOffset(groupElement("padding"));

    /** {@snippet lang=c : __u8 padding } */
    public static final OfByte padding$layout() { return padding$LAYOUT; }

    public static final long padding$offset() { return padding$OFFSET; }

    public static byte padding(MemorySegment struct) { return struct.get(padding$LAYOUT, padding$OFFSET); }

    public static void padding(MemorySegment struct, byte fieldValue) { struct.set(padding$LAYOUT, padding$OFFSET, fieldValue); }

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
