// Generated-style binding for struct kvm_irq_routing_irqchip of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_irq_routing_irqchip } */
public class kvm_irq_routing_irqchip {

    kvm_irq_routing_irqchip() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_INT.withName("irqchip"),
        Kvm_h.C_INT.withName("pin")).withName("kvm_irq_routing_irqchip");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfInt irqchip$LAYOUT = (OfInt) $LAYOUT.select(groupElement("irqchip"));
    private static final long irqchip$OFFSET = $LAYOUT.byteOffset(groupElement("irqchip"));

    /** {@snippet lang=c : __u32 irqchip } */
    public static final OfInt irqchip$layout() { return irqchip$LAYOUT; }

    public static final long irqchip$offset() { return irqchip$OFFSET; }

    public static int irqchip(MemorySegment struct) { return struct.get(irqchip$LAYOUT, irqchip$OFFSET); }

    public static void irqchip(MemorySegment struct, int fieldValue) { struct.set(irqchip$LAYOUT, irqchip$OFFSET, fieldValue); }

    private static final OfInt pin$LAYOUT = (OfInt) $LAYOUT.select(groupElement("pin"));
    private static final long pin$OFFSET = $LAYOUT.byteOffset(groupElement("pin"));

    /** {@snippet lang=c : __u32 pin } */
    public static final OfInt pin$layout() { return pin$LAYOUT; }

    public static final long pin$offset() { return pin$OFFSET; }

    public static int pin(MemorySegment struct) { return struct.get(pin$LAYOUT, pin$OFFSET); }

    public static void pin(MemorySegment struct, int fieldValue) { struct.set(pin$LAYOUT, pin$OFFSET, fieldValue); }

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
