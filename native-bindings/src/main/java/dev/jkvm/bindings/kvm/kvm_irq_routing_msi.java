// Generated-style binding for struct kvm_irq_routing_msi of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_irq_routing_msi } */
public class kvm_irq_routing_msi {

    kvm_irq_routing_msi() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("address_lo"),
        Kvm_h.C_INT.withName("address_hi"),
        Kvm_h.C_INT.withName("data"),
        MemoryLayout.unionLayout(
            Kvm_h.C_INT.withName("pad"),
            Kvm_h.C_INT.withName("devid")).withName("$anon$0")).withName("kvm_irq_routing_msi");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt address_lo$LAYOUT = (OfInt) $LAYOUT.select(groupElement("address_lo"));
    private static final long address_lo$OFFSET = $LAYOUT.byteOffset(groupElement("address_lo"));

    /** {@snippet lang=c : __u32 address_lo } */
    public static final OfInt address_lo$layout() { return address_lo$LAYOUT; }

    public static final long address_lo$offset() { return address_lo$OFFSET; }

    public static int address_lo(MemorySegment struct) { return struct.get(address_lo$LAYOUT, address_lo$OFFSET); }

    public static void address_lo(MemorySegment struct, int fieldValue) { struct.set(address_lo$LAYOUT, address_lo$OFFSET, fieldValue); }

    private static final OfInt address_hi$LAYOUT = (OfInt) $LAYOUT.select(groupElement("address_hi"));
    private static final long address_hi$OFFSET = $LAYOUT.byteOffset(groupElement("address_hi"));

    /** {@snippet lang=c : __u32 address_hi } */
    public static final OfInt address_hi$layout() { return address_hi$LAYOUT; }

    public static final long address_hi$offset() { return address_hi$OFFSET; }

    public static int address_hi(MemorySegment struct) { return struct.get(address_hi$LAYOUT, address_hi$OFFSET); }

    public static void address_hi(MemorySegment struct, int fieldValue) { struct.set(address_hi$LAYOUT, address_hi$OFFSET, fieldValue); }

    private static final OfInt data$LAYOUT = (OfInt) $LAYOUT.select(groupElement("data"));
    private static final long data$OFFSET = $LAYOUT.byteOffset(groupElement("data"));

    /** {@snippet lang=c : __u32 data } */
    public static final OfInt data$layout() { return data$LAYOUT; }

    public static final long data$offset() { return data$OFFSET; }

    public static int data(MemorySegment struct) { return struct.get(data$LAYOUT, data$OFFSET); }

    public static void data(MemorySegment struct, int fieldValue) { struct.set(data$LAYOUT, data$OFFSET, fieldValue); }

    private static final OfInt pad$LAYOUT = (OfInt) $LAYOUT.select(groupElement("$anon$0"), groupElement("pad"));
    private static final long pad$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$0"), groupElement("pad"));

    /** {@snippet lang=c : __u32 pad } */
    public static final OfInt pad$layout() { return pad$LAYOUT; }

    public static final long pad$offset() { return pad$OFFSET; }

    public static int pad(MemorySegment struct) { return struct.get(pad$LAYOUT, pad$OFFSET); }

    public static void pad(MemorySegment struct, int fieldValue) { struct.set(pad$LAYOUT, pad$OFFSET, fieldValue); }

    private static final OfInt devid$LAYOUT = (OfInt) $LAYOUT.select(groupElement("$anon$0"), groupElement("devid"));
    private static final long devid$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$0"), groupElement("devid"));

    /** {@snippet lang=c : __u32 devid } */
    public static final OfInt devid$layout() { return devid$LAYOUT; }

    public static final long devid$offset() { return devid$OFFSET; }

    public static int devid(MemorySegment struct) { return struct.get(devid$LAYOUT, devid$OFFSET); }

    public static void devid(MemorySegment struct, int fieldValue) { struct.set(devid$LAYOUT, devid$OFFSET, fieldValue); }

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
