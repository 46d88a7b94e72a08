// Generated-style binding for struct kvm_irq_routing_entry of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_irq_routing_entry } */
public class kvm_irq_routing_entry {

    kvm_irq_routing_entry() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("gsi"),
        Kvm_h.C_INT.withName("type"),
        Kvm_h.C_INT.withName("flags"),
        Kvm_h.C_INT.withName("pad"),
        u.layout().withName("u")).withName("kvm_irq_routing_entry");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt gsi$LAYOUT = (OfInt) $LAYOUT.select(groupElement("gsi"));
    private static final long gsi$OFFSET = $LAYOUT.byteOffset(groupElement("gsi"));

    /** {@snippet lang=c : __u32 gsi } */
    public static final OfInt gsi$layout() { return gsi$LAYOUT; }

    public static final long gsi$offset() { return gsi$OFFSET; }

    public static int gsi(MemorySegment struct) { return struct.get(gsi$LAYOUT, gsi$OFFSET); }

    public static void gsi(MemorySegment struct, int fieldValue) { struct.set(gsi$LAYOUT, gsi$OFFSET, fieldValue); }

    private static final OfInt type$LAYOUT = (OfInt) $LAYOUT.select(groupElement("type"));
    private static final long type$OFFSET = $LAYOUT.byteOffset(groupElement("type"));

    /** {@snippet lang=c : __u32 type } */
    public static final OfInt type$layout() { return type$LAYOUT; }

    public static final long type$offset() { return type$OFFSET; }

    public static int type(MemorySegment struct) { return struct.get(type$LAYOUT, type$OFFSET); }

    public static void type(MemorySegment struct, int fieldValue) { struct.set(type$LAYOUT, type$OFFSET, fieldValue); }

    private static final OfInt flags$LAYOUT = (OfInt) $LAYOUT.select(groupElement("flags"));
    private static final long flags$OFFSET = $LAYOUT.byteOffset(groupElement("flags"));

    /** {@snippet lang=c : __u32 flags } */
    public static final OfInt flags$layout() { return flags$LAYOUT; }

    public static final long flags$offset() { return flags$OFFSET; }

    public static int flags(MemorySegment struct) { return struct.get(flags$LAYOUT, flags$OFFSET); }

    public static void flags(MemorySegment struct, int fieldValue) { struct.set(flags$LAYOUT, flags$OFFSET, fieldValue); }

    private static final OfInt pad$LAYOUT = (OfInt) $LAYOUT.select(groupElement("pad"));
    private static final long pad$OFFSET = $LAYOUT.byteOffset(groupElement("pad"));

    /** {@snippet lang=c : __u32 pad } */
    public static final OfInt pad$layout() { return pad$LAYOUT; }

    public static final long pad$offset() { return pad$OFFSET; }

    public static int pad(MemorySegment struct) { return struct.get(pad$LAYOUT, pad$OFFSET); }

    public static void pad(MemorySegment struct, int fieldValue) { struct.set(pad$LAYOUT, pad$OFFSET, fieldValue); }

    private static final MemoryLayout u$LAYOUT = $LAYOUT.select(groupElement("u"));
    private static final long u$OFFSET = $LAYOUT.byteOffset(groupElement("u"));

    /** {@snippet lang=c : union { ... } u } */
    public static final MemoryLayout u$layout() { return u$LAYOUT; }

    public static final long u$offset() { return u$OFFSET; }

    public static MemorySegment u(MemorySegment struct) { return struct.asSlice(u$OFFSET, u$LAYOUT.byteSize()); }

    public static void u(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, u$OFFSET, u$LAYOUT.byteSize());
    }

    /** {@snippet lang=c : union { ... } u } */
    public static class u {

        u() {
            // Should not be called directly
        }

        private static final GroupLayout $LAYOUT = MemoryLayout.unionLayout(
            kvm_irq_routing_irqchip.layout().withName("irqchip"),
            kvm_irq_routing_msi.layout().withName("msi"),
            kvm_irq_routing_s390_adapter.layout().withName("adapter"),
            MemoryLayout.sequenceLayout(8, Kvm_h.C_INT).withName("pad")).withName("u");

        /** The layout of this union. */
        public static final GroupLayout layout() { return $LAYOUT; }

        private static final MemoryLayout irqchip$LAYOUT = $LAYOUT.select(groupElement("irqchip"));
        private static final long irqchip$OFFSET = $LAYOUT.byteOffset(groupElement("irqchip"));

        /** {@snippet lang=c : struct kvm_irq_routing_irqchip irqchip } */
        public static final MemoryLayout irqchip$layout() { return irqchip$LAYOUT; }

        public static final long irqchip$offset() { return irqchip$OFFSET; }

        public static MemorySegment irqchip(MemorySegment struct) { return struct.asSlice(irqchip$OFFSET, irqchip$LAYOUT.byteSize()); }

        public static void irqchip(MemorySegment struct, MemorySegment fieldValue) {
            MemorySegment.copy(fieldValue, 0L, struct, irqchip$OFFSET, irqchip$LAYOUT.byteSize());
        }

        private static final MemoryLayout msi$LAYOUT = $LAYOUT.select(groupElement("msi"));
        private static final long msi$OFFSET = $LAYOUT.byteOffset(groupElement("msi"));

        /** {@snippet lang=c : struct kvm_irq_routing_msi msi } */
        public static final MemoryLayout msi$layout() { return msi$LAYOUT; }

        public static final long msi$offset() { return msi$OFFSET; }

        public static MemorySegment msi(MemorySegment struct) { return struct.asSlice(msi$OFFSET, msi$LAYOUT.byteSize()); }

        public static void msi(MemorySegment struct, MemorySegment fieldValue) {
            MemorySegment.copy(fieldValue, 0L, struct, msi$OFFSET, msi$LAYOUT.byteSize());
        }

        private static final MemoryLayout adapter$LAYOUT = $LAYOUT.select(groupElement("adapter"));
        private static final long adapter$OFFSET = $LAYOUT.byteOffset(groupElement("adapter"));

        /** {@snippet lang=c : struct kvm_irq_routing_s390_adapter adapter } */
        public static final MemoryLayout adapter$layout() { return adapter$LAYOUT; }

        public static final long adapter$offset() { return adapter$OFFSET; }

        public static MemorySegment adapter(MemorySegment struct) { return struct.asSlice(adapter$OFFSET, adapter$LAYOUT.byteSize()); }

        public static void adapter(MemorySegment struct, MemorySegment fieldValue) {
            MemorySegment.copy(fieldValue, 0L, struct, adapter$OFFSET, adapter$LAYOUT.byteSize());
        }

        private static final MemoryLayout pad$LAYOUT = $LAYOUT.select(groupElement("pad"));
        private static final long pad$OFFSET = $LAYOUT.byteOffset(groupElement("pad"));

        /** {@snippet lang=c : __u32 pad[8] } */
        public static final MemoryLayout pad$layout() { return pad$LAYOUT; }

        public static final long pad$offset() { return pad$OFFSET; }

        public static MemorySegment pad(MemorySegment struct) { return struct.asSlice(pad$OFFSET, pad$LAYOUT.byteSize()); }

        public static void pad(MemorySegment struct, MemorySegment fieldValue) {
            MemorySegment.copy(fieldValue, 0L, struct, pad$OFFSET, pad$LAYOUT.byteSize());
        }

        public static int pad(MemorySegment struct, long index0) {
            return struct.get(Kvm_h.C_INT, pad$OFFSET + index0 * 4);
        }

        public static void pad(MemorySegment struct, long index0, int fieldValue) {
            struct.set(Kvm_h.C_INT, pad$OFFSET + index0 * 4, fieldValue);
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
