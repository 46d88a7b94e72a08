// Generated-style binding for struct kvm_run of linux/kvm.h (x86_64); regenerate with jextract.sh.
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

/** {@snippet lang=c : struct kvm_run } */
public class kvm_run {

    kvm_run() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_CHAR.withName("request_interrupt_window"),
        Kvm_h.C_CHAR.withName("immediate_exit"),
        MemoryLayout.sequenceLayout(6, Kvm_h.C_CHAR).withName("padding1"),
        Kvm_h.C_INT.withName("exit_reason"),
        Kvm_h.C_CHAR.withName("ready_for_interrupt_injection"),
        Kvm_h.C_CHAR.withName("if_flag"),
        Kvm_h.C_SHORT.withName("flags"),
        Kvm_h.C_LONG_LONG.withName("cr8"),
        Kvm_h.C_LONG_LONG.withName("apic_base"),
        MemoryLayout.unionLayout(
            hw.layout().withName("hw"),
            fail_entry.layout().withName("fail_entry"),
            io.layout().withName("io"),
            mmio.layout().withName("mmio"),
            internal.layout().withName("internal"),
            system_event.layout().withName("system_event"),
            MemoryLayout.sequenceLayout(256, Kvm_h.C_CHAR).withName("padding")).withName("$anon$1"),
        Kvm_h.C_LONG_LONG.withName("kvm_valid_regs"),
        Kvm_h.C_LONG_LONG.withName("kvm_dirty_regs"),
        s.layout().withName("s")).withName("kvm_run");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfByte request_interrupt_window$LAYOUT = (OfByte) $LAYOUT.select(groupElement("request_interrupt_window"));
    private static final long request_interrupt_window$OFFSET = $LAYOUT.byteOffset(groupElement("request_interrupt_window"));

    /** {@snippet lang=c : __u8 request_interrupt_window } */
    public static final OfByte request_interrupt_window$layout() { return request_interrupt_window$LAYOUT; }

    public static final long request_interrupt_window$offset() { return request_interrupt_window$OFFSET; }

    public static byte request_interrupt_window(MemorySegment struct) { return struct.get(request_interrupt_window$LAYOUT, request_interrupt_window$OFFSET); }

    public static void request_interrupt_window(MemorySegment struct, byte fieldValue) { struct.set(request_interrupt_window$LAYOUT, request_interrupt_window$OFFSET, fieldValue); }

    private static final OfByte immediate_exit$LAYOUT = (OfByte) $LAYOUT.select(groupElement("immediate_exit"));
    private static final long immediate_exit$OFFSET = $LAYOUT.byteOffset(groupElement("immediate_exit"));

    /** {@snippet lang=c : __u8 immediate_exit } */
    public static final OfByte immediate_exit$layout() { return immediate_exit$LAYOUT; }

    public static final long immediate_exit$offset() { return immediate_exit$OFFSET; }

    public static byte immediate_exit(MemorySegment struct) { return struct.get(immediate_exit$LAYOUT, immediate_exit$OFFSET); }

    public static void immediate_exit(MemorySegment struct, byte fieldValue) { struct.set(immediate_exit$LAYOUT, immediate_exit$OFFSET, fieldValue); }

    private static final MemoryLayout padding1$LAYOUT = $LAYOUT.select(groupElement("padding1"));
    private static final long padding1$OFFSET = $LAYOUT.byteOffset(groupElement("padding1"));

    /** {@snippet lang=c : __u8 padding1[6] } */
    public static final MemoryLayout padding1$layout() { return padding1$LAYOUT; }

    public static final long padding1$offset() { return padding1$OFFSET; }

    public static MemorySegment padding1(MemorySegment struct) { return struct.asSlice(padding1$OFFSET, padding1$LAYOUT.byteSize()); }

    public static void padding1(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, padding1$OFFSET, padding1$LAYOUT.byteSize());
    }

    public static byte padding1(MemorySegment struct, long index0) {
        return struct.get(Kvm_h.C_CHAR, padding1$OFFSET + index0 * 1);
    }

    public static void padding1(MemorySegment struct, long index0, byte fieldValue) {
        struct.set(Kvm_h.C_CHAR, padding1$OFFSET + index0 * 1, fieldValue);
    }

    private static final OfInt exit_reason$LAYOUT = (OfInt) $LAYOUT.select(groupElement("exit_reason"));
    private static final long exit_reason$OFFSET = $LAYOUT.byteOffset(groupElement("exit_reason"));

    /** {@snippet lang=c : __u32 exit_reason } */
    public static final OfInt exit_reason$layout() { return exit_reason$LAYOUT; }

    public static final long exit_reason$offset() { return exit_reason$OFFSET; }

    public static int exit_reason(MemorySegment struct) { return struct.get(exit_reason$LAYOUT, exit_reason$OFFSET); }

    public static void exit_reason(MemorySegment struct, int fieldValue) { struct.set(exit_reason$LAYOUT, exit_reason$OFFSET, fieldValue); }

    private static final OfByte ready_for_interrupt_injection$LAYOUT = (OfByte) $LAYOUT.select(groupElement("ready_for_interrupt_injection"));
    private static final long ready_for_interrupt_injection$OFFSET = $LAYOUT.byteOffset(groupElement("ready_for_interrupt_injection"));

    /** {@snippet lang=c : __u8 ready_for_interrupt_injection } */
    public static final OfByte ready_for_interrupt_injection$layout() { return ready_for_interrupt_injection$LAYOUT; }

    public static final long ready_for_interrupt_injection$offset() { return ready_for_interrupt_injection$OFFSET; }

    public static byte ready_for_interrupt_injection(MemorySegment struct) { return struct.get(ready_for_interrupt_injection$LAYOUT, ready_for_interrupt_injection$OFFSET); }

    public static void ready_for_interrupt_injection(MemorySegment struct, byte fieldValue) { struct.set(ready_for_interrupt_injection$LAYOUT, ready_for_interrupt_injection$OFFSET, fieldValue); }

    private static final OfByte if_flag$LAYOUT = (OfByte) $LAYOUT.select(groupElement("if_flag"));
    private static final long if_flag$OFFSET = $LAYOUT.byteOffset(groupElement("if_flag"));

    /** {@snippet lang=c : __u8 if_flag } */
    public static final OfByte if_flag$layout() { return if_flag$LAYOUT; }

    public static final long if_flag$offset() { return if_flag$OFFSET; }

    public static byte if_flag(MemorySegment struct) { return struct.get(if_flag$LAYOUT, if_flag$OFFSET); }

    public static void if_flag(MemorySegment struct, byte fieldValue) { struct.set(if_flag$LAYOUT, if_flag$OFFSET, fieldValue); }

    private static final OfShort flags$LAYOUT = (OfShort) $LAYOUT.select(groupElement("flags"));
    private static final long flags$OFFSET = $LAYOUT.byteOffset(groupElement("flags"));

    /** {@snippet lang=c : __u16 flags } */
    public static final OfShort flags$layout() { return flags$LAYOUT; }

    public static final long flags$offset() { return flags$OFFSET; }

    public static short flags(MemorySegment struct) { return struct.get(flags$LAYOUT, flags$OFFSET); }

    public static void flags(MemorySegment struct, short fieldValue) { struct.set(flags$LAYOUT, flags$OFFSET, fieldValue); }

    private static final OfLong cr8$LAYOUT = (OfLong) $LAYOUT.select(groupElement("cr8"));
    private static final long cr8$OFFSET = $LAYOUT.byteOffset(groupElement("cr8"));

    /** {@snippet lang=c : __u64 cr8 } */
    public static final OfLong cr8$layout() { return cr8$LAYOUT; }

    public static final long cr8$offset() { return cr8$OFFSET; }

    public static long cr8(MemorySegment struct) { return struct.get(cr8$LAYOUT, cr8$OFFSET); }

    public static void cr8(MemorySegment struct, long fieldValue) { struct.set(cr8$LAYOUT, cr8$OFFSET, fieldValue); }

    private static final OfLong apic_base$LAYOUT = (OfLong) $LAYOUT.select(groupElement("apic_base"));
    private static final long apic_base$OFFSET = $LAYOUT.byteOffset(groupElement("apic_base"));

    /** {@snippet lang=c : __u64 apic_base } */
    public static final OfLong apic_base$layout() { return apic_base$LAYOUT; }

    public static final long apic_base$offset() { return apic_base$OFFSET; }

    public static long apic_base(MemorySegment struct) { return struct.get(apic_base$LAYOUT, apic_base$OFFSET); }

    public static void apic_base(MemorySegment struct, long fieldValue) { struct.set(apic_base$LAYOUT, apic_base$OFFSET, fieldValue); }

    private static final MemoryLayout hw$LAYOUT = $LAYOUT.select(groupElement("$anon$1"), groupElement("hw"));
    private static final long hw$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$1"), groupElement("hw"));

    /** {@snippet lang=c : struct { ... } hw } */
    public static final MemoryLayout hw$layout() { return hw$LAYOUT; }

    public static final long hw$offset() { return hw$OFFSET; }

    public static MemorySegment hw(MemorySegment struct) { return struct.asSlice(hw$OFFSET, hw$LAYOUT.byteSize()); }

    public static void hw(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, hw$OFFSET, hw$LAYOUT.byteSize());
    }

    private static final MemoryLayout fail_entry$LAYOUT = $LAYOUT.select(groupElement("$anon$1"), groupElement("fail_entry"));
    private static final long fail_entry$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$1"), groupElement("fail_entry"));

    /** {@snippet lang=c : struct { ... } fail_entry } */
    public static final MemoryLayout fail_entry$layout() { return fail_entry$LAYOUT; }

    public static final long fail_entry$offset() { return fail_entry$OFFSET; }

    public static MemorySegment fail_entry(MemorySegment struct) { return struct.asSlice(fail_entry$OFFSET, fail_entry$LAYOUT.byteSize()); }

    public static void fail_entry(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, fail_entry$OFFSET, fail_entry$LAYOUT.byteSize());
    }

    private static final MemoryLayout io$LAYOUT = $LAYOUT.select(groupElement("$anon$1"), groupElement("io"));
    private static final long io$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$1"), groupElement("io"));

    /** {@snippet lang=c : struct { ... } io } */
    public static final MemoryLayout io$layout() { return io$LAYOUT; }

    public static final long io$offset() { return io$OFFSET; }

    public static MemorySegment io(MemorySegment struct) { return struct.asSlice(io$OFFSET, io$LAYOUT.byteSize()); }

    public static void io(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, io$OFFSET, io$LAYOUT.byteSize());
    }

    private static final MemoryLayout mmio$LAYOUT = $LAYOUT.select(groupElement("$anon$1"), groupElement("mmio"));
    private static final long mmio$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$1"), groupElement("mmio"));

    /** {@snippet lang=c : struct { ... } mmio } */
    public static final MemoryLayout mmio$layout() { return mmio$LAYOUT; }

    public static final long mmio$offset() { return mmio$OFFSET; }

    public static MemorySegment mmio(MemorySegment struct) { return struct.asSlice(mmio$OFFSET, mmio$LAYOUT.byteSize()); }

    public static void mmio(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, mmio$OFFSET, mmio$LAYOUT.byteSize());
    }

    private static final MemoryLayout internal$LAYOUT = $LAYOUT.select(groupElement("$anon$1"), groupElement("internal"));
    private static final long internal$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$1"), groupElement("internal"));

    /** {@snippet lang=c : struct { ... } internal } */
    public static final MemoryLayout internal$layout() { return internal$LAYOUT; }

    public static final long internal$offset() { return internal$OFFSET; }

    public static MemorySegment internal(MemorySegment struct) { return struct.asSlice(internal$OFFSET, internal$LAYOUT.byteSize()); }

    public static void internal(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, internal$OFFSET, internal$LAYOUT.byteSize());
    }

    private static final MemoryLayout system_event$LAYOUT = $LAYOUT.select(groupElement("$anon$1"), groupElement("system_event"));
    private static final long system_event$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$1"), groupElement("system_event"));

    /** {@snippet lang=c : struct { ... } system_event } */
    public static final MemoryLayout system_event$layout() { return system_event$LAYOUT; }

    public static final long system_event$offset() { return system_event$OFFSET; }

    public static MemorySegment system_event(MemorySegment struct) { return struct.asSlice(system_event$OFFSET, system_event$LAYOUT.byteSize()); }

    public static void system_event(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, system_event$OFFSET, system_event$LAYOUT.byteSize());
    }

    private static final MemoryLayout padding$LAYOUT = $LAYOUT.select(groupElement("$anon$1"), groupElement("padding"));
    private static final long padding$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$1"), groupElement("padding"));

    /** {@snippet lang=c : char padding[256] } */
    public static final MemoryLayout padding$layout() { return padding$LAYOUT; }

    public static final long padding$offset() { return padding$OFFSET; }

    public static MemorySegment padding(MemorySegment struct) { return struct.asSlice(padding$OFFSET, padding$LAYOUT.byteSize()); }

    public static void padding(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, padding$OFFSET, padding$LAYOUT.byteSize());
    }

    public static byte padding(MemorySegment struct, long index0) {
        return struct.get(Kvm_h.C_CHAR, padding$OFFSET + index0 * 1);
    }

    public static void padding(MemorySegment struct, long index0, byte fieldValue) {
        struct.set(Kvm_h.C_CHAR, padding$OFFSET + index0 * 1, fieldValue);
    }

    private static final OfLong kvm_valid_regs$LAYOUT = (OfLong) $LAYOUT.select(groupElement("kvm_valid_regs"));
    private static final long kvm_valid_regs$OFFSET = $LAYOUT.byteOffset(groupElement("kvm_valid_regs"));

    /** {@snippet lang=c : __u64 kvm_valid_regs } */
    public static final OfLong kvm_valid_regs$layout() { return kvm_valid_regs$LAYOUT; }

    public static final long kvm_valid_regs$offset() { return kvm_valid_regs$OFFSET; }

    public static long kvm_valid_regs(MemorySegment struct) { return struct.get(kvm_valid_regs$LAYOUT, kvm_valid_regs$OFFSET); }

    public static void kvm_valid_regs(MemorySegment struct, long fieldValue) { struct.set(kvm_valid_regs$LAYOUT, kvm_valid_regs$OFFSET, fieldValue); }

    private static final OfLong kvm_dirty_regs$LAYOUT = (OfLong) $LAYOUT.select(groupElement("kvm_dirty_regs"));
    private static final long kvm_dirty_regs$OFFSET = $LAYOUT.byteOffset(groupElement("kvm_dirty_regs"));

    /** {@snippet lang=c : __u64 kvm_dirty_regs } */
    public static final OfLong kvm_dirty_regs$layout() { return kvm_dirty_regs$LAYOUT; }

    public static final long kvm_dirty_regs$offset() { return kvm_dirty_regs$OFFSET; }

    public static long kvm_dirty_regs(MemorySegment struct) { return struct.get(kvm_dirty_regs$LAYOUT, kvm_dirty_regs$OFFSET); }

    public static void kvm_dirty_regs(MemorySegment struct, long fieldValue) { struct.set(kvm_dirty_regs$LAYOUT, kvm_dirty_regs$OFFSET, fieldValue); }

    private static final MemoryLayout s$LAYOUT = $LAYOUT.select(groupElement("s"));
    private static final long s$OFFSET = $LAYOUT.byteOffset(groupElement("s"));

    /** {@snippet lang=c : union { ... } s } */
    public static final MemoryLayout s$layout() { return s$LAYOUT; }

    public static final long s$offset() { return s$OFFSET; }

    public static MemorySegment s(MemorySegment struct) { return struct.asSlice(s$OFFSET, s$LAYOUT.byteSize()); }

    public static void s(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, s$OFFSET, s$LAYOUT.byteSize());
    }

    /** {@snippet lang=c : struct { ... } hw } */
    public static class hw {

        hw() {
            // Should not be called directly
        }

        private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
            Kvm_h.C_LONG_LONG.withName("hardware_exit_reason")).withName("hw");

        /** The layout of this struct. */
        public static final GroupLayout layout() { return $LAYOUT; }

        private static final OfLong hardware_exit_reason$LAYOUT = (OfLong) $LAYOUT.select(groupElement("hardware_exit_reason"));
        private static final long hardware_exit_reason$OFFSET = $LAYOUT.byteOffset(groupElement("hardware_exit_reason"));

        /** {@snippet lang=c : __u64 hardware_exit_reason } */
        public static final OfLong hardware_exit_reason$layout() { return hardware_exit_reason$LAYOUT; }

        public static final long hardware_exit_reason$offset() { return hardware_exit_reason$OFFSET; }

        public static long hardware_exit_reason(MemorySegment struct) { return struct.get(hardware_exit_reason$LAYOUT, hardware_exit_reason$OFFSET); }

        public static void hardware_exit_reason(MemorySegment struct, long fieldValue) { struct.set(hardware_exit_reason$LAYOUT, hardware_exit_reason$OFFSET, fieldValue); }

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

    /** {@snippet lang=c : struct { ... } fail_entry } */
    public static class fail_entry {

        fail_entry() {
            // Should not be called directly
        }

        private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
            Kvm_h.C_LONG_LONG.withName("hardware_entry_failure_reason"),
            Kvm_h.C_INT.withName("cpu"),
            MemoryLayout.paddingLayout(4)).withName("fail_entry");

        /** The layout of this struct. */
        public static final GroupLayout layout() { return $LAYOUT; }

        private static final OfLong hardware_entry_failure_reason$LAYOUT = (OfLong) $LAYOUT.select(groupElement("hardware_entry_failure_reason"));
        private static final long hardware_entry_failure_reason$OFFSET = $LAYOUT.byteOffset(groupElement("hardware_entry_failure_reason"));

        /** {@snippet lang=c : __u64 hardware_entry_failure_reason } */
        public static final OfLong hardware_entry_failure_reason$layout() { return hardware_entry_failure_reason$LAYOUT; }

        public static final long hardware_entry_failure_reason$offset() { return hardware_entry_failure_reason$OFFSET; }

        public static long hardware_entry_failure_reason(MemorySegment struct) { return struct.get(hardware_entry_failure_reason$LAYOUT, hardware_entry_failure_reason$OFFSET); }

        public static void hardware_entry_failure_reason(MemorySegment struct, long fieldValue) { struct.set(hardware_entry_failure_reason$LAYOUT, hardware_entry_failure_reason$OFFSET, fieldValue); }

        private static final OfInt cpu$LAYOUT = (OfInt) $LAYOUT.select(groupElement("cpu"));
        private static final long cpu$OFFSET = $LAYOUT.byteOffset(groupElement("cpu"));

        /** {@snippet lang=c : __u32 cpu } */
        public static final OfInt cpu$layout() { return cpu$LAYOUT; }

        public static final long cpu$offset() { return cpu$OFFSET; }

        public static int cpu(MemorySegment struct) { return struct.get(cpu$LAYOUT, cpu$OFFSET); }

        public static void cpu(MemorySegment struct, int fieldValue) { struct.set(cpu$LAYOUT, cpu$OFFSET, fieldValue); }

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

    /** {@snippet lang=c : struct { ... } io } */
    public static class io {

        io() {
            // Should not be called directly
        }

        private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
            Kvm_h.C_CHAR.withName("direction"),
            Kvm_h.C_CHAR.withName("size"),
            Kvm_h.C_SHORT.withName("port"),
            Kvm_h.C_INT.withName("count"),
            Kvm_h.C_LONG_LONG.withName("data_offset")).withName("io");

        /** The layout of this struct. */
        public static final GroupLayout layout() { return $LAYOUT; }

        private static final OfByte direction$LAYOUT = (OfByte) $LAYOUT.select(groupElement("direction"));
        private static final long direction$OFFSET = $LAYOUT.byteOffset(groupElement("direction"));

        /** {@snippet lang=c : __u8 direction } */
        public static final OfByte direction$layout() { return direction$LAYOUT; }

        public static final long direction$offset() { return direction$OFFSET; }

        public static byte direction(MemorySegment struct) { return struct.get(direction$LAYOUT, direction$OFFSET); }

        public static void direction(MemorySegment struct, byte fieldValue) { struct.set(direction$LAYOUT, direction$OFFSET, fieldValue); }

        private static final OfByte size$LAYOUT = (OfByte) $LAYOUT.select(groupElement("size"));
        private static final long size$OFFSET = $LAYOUT.byteOffset(groupElement("size"));

        /** {@snippet lang=c : __u8 size } */
        public static final OfByte size$layout() { return size$LAYOUT; }

        public static final long size$offset() { return size$OFFSET; }

        public static byte size(MemorySegment struct) { return struct.get(size$LAYOUT, size$OFFSET); }

        public static void size(MemorySegment struct, byte fieldValue) { struct.set(size$LAYOUT, size$OFFSET, fieldValue); }

        private static final OfShort port$LAYOUT = (OfShort) $LAYOUT.select(groupElement("port"));
        private static final long port$OFFSET = $LAYOUT.byteOffset(groupElement("port"));

        /** {@snippet lang=c : __u16 port } */
        public static final OfShort port$layout() { return port$LAYOUT; }

        public static final long port$offset() { return port$OFFSET; }

        public static short port(MemorySegment struct) { return struct.get(port$LAYOUT, port$OFFSET); }

        public static void port(MemorySegment struct, short fieldValue) { struct.set(port$LAYOUT, port$OFFSET, fieldValue); }

        private static final OfInt count$LAYOUT = (OfInt) $LAYOUT.select(groupElement("count"));
        private static final long count$OFFSET = $LAYOUT.byteOffset(groupElement("count"));

        /** {@snippet lang=c : __u32 count } */
        public static final OfInt count$layout() { return count$LAYOUT; }

        public static final long count$offset() { return count$OFFSET; }

        public static int count(MemorySegment struct) { return struct.get(count$LAYOUT, count$OFFSET); }

        public static void count(MemorySegment struct, int fieldValue) { struct.set(count$LAYOUT, count$OFFSET, fieldValue); }

        private static final OfLong data_offset$LAYOUT = (OfLong) $LAYOUT.select(groupElement("data_offset"));
        private static final long data_offset$OFFSET = $LAYOUT.byteOffset(groupElement("data_offset"));

        /** {@snippet lang=c : __u64 data_offset } */
        public static final OfLong data_offset$layout() { return data_offset$LAYOUT; }

        public static final long data_offset$offset() { return data_offset$OFFSET; }

        public static long data_offset(MemorySegment struct) { return struct.get(data_offset$LAYOUT, data_offset$OFFSET); }

        public static void data_offset(MemorySegment struct, long fieldValue) { struct.set(data_offset$LAYOUT, data_offset$OFFSET, fieldValue); }

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

    /** {@snippet lang=c : struct { ... } mmio } */
    public static class mmio {

        mmio() {
            // Should not be called directly
        }

        private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
            Kvm_h.C_LONG_LONG.withName("phys_addr"),
            MemoryLayout.sequenceLayout(8, Kvm_h.C_CHAR).withName("data"),
            Kvm_h.C_INT.withName("len"),
            Kvm_h.C_CHAR.withName("is_write"),
            MemoryLayout.paddingLayout(3)).withName("mmio");

        /** The layout of this struct. */
        public static final GroupLayout layout() { return $LAYOUT; }

        private static final OfLong phys_addr$LAYOUT = (OfLong) $LAYOUT.select(groupElement("phys_addr"));
        private static final long phys_addr$OFFSET = $LAYOUT.byteOffset(groupElement("phys_addr"));

        /** {@snippet lang=c : __u64 phys_addr } */
        public static final OfLong phys_addr$layout() { return phys_addr$LAYOUT; }

        public static final long phys_addr$offset() { return phys_addr$OFFSET; }

        public static long phys_addr(MemorySegment struct) { return struct.get(phys_addr$LAYOUT, phys_addr$OFFSET); }

        public static void phys_addr(MemorySegment struct, long fieldValue) { struct.set(phys_addr$LAYOUT, phys_addr$OFFSET, fieldValue); }

        private static final MemoryLayout data$LAYOUT = $LAYOUT.select(groupElement("data"));
        private static final long data$OFFSET = $LAYOUT.byteOffset(groupElement("data"));

        /** {@snippet lang=c : __u8 data[8] } */
        public static final MemoryLayout data$layout() { return data$LAYOUT; }

        public static final long data$offset() { return data$OFFSET; }

        public static MemorySegment data(MemorySegment struct) { return struct.asSlice(data$OFFSET, data$LAYOUT.byteSize()); }

        public static void data(MemorySegment struct, MemorySegment fieldValue) {
            MemorySegment.copy(fieldValue, 0L, struct, data$OFFSET, data$LAYOUT.byteSize());
        }

        public static byte data(MemorySegment struct, long index0) {
            return struct.get(Kvm_h.C_CHAR, data$OFFSET + index0 * 1);
        }

        public static void data(MemorySegment struct, long index0, byte fieldValue) {
            struct.set(Kvm_h.C_CHAR, data$OFFSET + index0 * 1, fieldValue);
        }

        private static final OfInt len$LAYOUT = (OfInt) $LAYOUT.select(groupElement("len"));
        private static final long len$OFFSET = $LAYOUT.byteOffset(groupElement("len"));

        /** {@snippet lang=c : __u32 len } */
        public static final OfInt len$layout() { return len$LAYOUT; }

        public static final long len$offset() { return len$OFFSET; }

        public static int len(MemorySegment struct) { return struct.get(len$LAYOUT, len$OFFSET); }

        public static void len(MemorySegment struct, int fieldValue) { struct.set(len$LAYOUT, len$OFFSET, fieldValue); }

        private static final OfByte is_write$LAYOUT = (OfByte) $LAYOUT.select(groupElement("is_write"));
        private static final long is_write$OFFSET = $LAYOUT.byteOffset(groupElement("is_write"));

        /** {@snippet lang=c : __u8 is_write } */
        public static final OfByte is_write$layout() { return is_write$LAYOUT; }

        public static final long is_write$offset() { return is_write$OFFSET; }

        public static byte is_write(MemorySegment struct) { return struct.get(is_write$LAYOUT, is_write$OFFSET); }

        public static void is_write(MemorySegment struct, byte fieldValue) { struct.set(is_write$LAYOUT, is_write$OFFSET, fieldValue); }

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

    /** {@snippet lang=c : struct { ... } internal } */
    public static class internal {

        internal() {
            // Should not be called directly
        }

        private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
            Kvm_h.C_INT.withName("suberror"),
            Kvm_h.C_INT.withName("ndata"),
            MemoryLayout.sequenceLayout(16, Kvm_h.C_LONG_LONG).withName("data")).withName("internal");

        /** The layout of this struct. */
        public static final GroupLayout layout() { return $LAYOUT; }

        private static final OfInt suberror$LAYOUT = (OfInt) $LAYOUT.select(groupElement("suberror"));
        private static final long suberror$OFFSET = $LAYOUT.byteOffset(groupElement("suberror"));

        /** {@snippet lang=c : __u32 suberror } */
        public static final OfInt suberror$layout() { return suberror$LAYOUT; }

        public static final long suberror$offset() { return suberror$OFFSET; }

        public static int suberror(MemorySegment struct) { return struct.get(suberror$LAYOUT, suberror$OFFSET); }

        public static void suberror(MemorySegment struct, int fieldValue) { struct.set(suberror$LAYOUT, suberror$OFFSET, fieldValue); }

        private static final OfInt ndata$LAYOUT = (OfInt) $LAYOUT.select(groupElement("ndata"));
        private static final long ndata$OFFSET = $LAYOUT.byteOffset(groupElement("ndata"));

        /** {@snippet lang=c : __u32 ndata } */
        public static final OfInt ndata$layout() { return ndata$LAYOUT; }

        public static final long ndata$offset() { return ndata$OFFSET; }

        public static int ndata(MemorySegment struct) { return struct.get(ndata$LAYOUT, ndata$OFFSET); }

        public static void ndata(MemorySegment struct, int fieldValue) { struct.set(ndata$LAYOUT, ndata$OFFSET, fieldValue); }

        private static final MemoryLayout data$LAYOUT = $LAYOUT.select(groupElement("data"));
        private static final long data$OFFSET = $LAYOUT.byteOffset(groupElement("data"));

        /** {@snippet lang=c : __u64 data[16] } */
        public static final MemoryLayout data$layout() { return data$LAYOUT; }

        public static final long data$offset() { return data$OFFSET; }

        public static MemorySegment data(MemorySegment struct) { return struct.asSlice(data$OFFSET, data$LAYOUT.byteSize()); }

        public static void data(MemorySegment struct, MemorySegment fieldValue) {
            MemorySegment.copy(fieldValue, 0L, struct, data$OFFSET, data$LAYOUT.byteSize());
        }

        public static long data(MemorySegment struct, long index0) {
            return struct.get(Kvm_h.C_LONG_LONG, data$OFFSET + index0 * 8);
        }

        public static void data(MemorySegment struct, long index0, long fieldValue) {
            struct.set(Kvm_h.C_LONG_LONG, data$OFFSET + index0 * 8, fieldValue);
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

    /** {@snippet lang=c : struct { ... } system_event } */
    public static class system_event {

        system_event() {
            // Should not be called directly
        }

        private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
            Kvm_h.C_INT.withName("type"),
            Kvm_h.C_INT.withName("ndata"),
            MemoryLayout.unionLayout(
                Kvm_h.C_LONG_LONG.withName("flags"),
                MemoryLayout.sequenceLayout(16, Kvm_h.C_LONG_LONG).withName("data")).withName("$anon$0")).withName("system_event");

        /** The layout of this struct. */
        public static final GroupLayout layout() { return $LAYOUT; }

        private static final OfInt type$LAYOUT = (OfInt) $LAYOUT.select(groupElement("type"));
        private static final long type$OFFSET = $LAYOUT.byteOffset(groupElement("type"));

        /** {@snippet lang=c : __u32 type } */
        public static final OfInt type$layout() { return type$LAYOUT; }

        public static final long type$offset() { return type$OFFSET; }

        public static int type(MemorySegment struct) { return struct.get(type$LAYOUT, type$OFFSET); }

        public static void type(MemorySegment struct, int fieldValue) { struct.set(type$LAYOUT, type$OFFSET, fieldValue); }

        private static final OfInt ndata$LAYOUT = (OfInt) $LAYOUT.select(groupElement("ndata"));
        private static final long ndata$OFFSET = $LAYOUT.byteOffset(groupElement("ndata"));

        /** {@snippet lang=c : __u32 ndata } */
        public static final OfInt ndata$layout() { return ndata$LAYOUT; }

        public static final long ndata$offset() { return ndata$OFFSET; }

        public static int ndata(MemorySegment struct) { return struct.get(ndata$LAYOUT, ndata$OFFSET); }

        public static void ndata(MemorySegment struct, int fieldValue) { struct.set(ndata$LAYOUT, ndata$OFFSET, fieldValue); }

        private static final OfLong flags$LAYOUT = (OfLong) $LAYOUT.select(groupElement("$anon$0"), groupElement("flags"));
        private static final long flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$0"), groupElement("flags"));

        /** {@snippet lang=c : __u64 flags } */
        public static final OfLong flags$layout() { return flags$LAYOUT; }

        public static final long flags$offset() { return flags$OFFSET; }

        public static long flags(MemorySegment struct) { return struct.get(flags$LAYOUT, flags$OFFSET); }

        public static void flags(MemorySegment struct, long fieldValue) { struct.set(flags$LAYOUT, flags$OFFSET, fieldValue); }

        private static final MemoryLayout data$LAYOUT = $LAYOUT.select(groupElement("$anon$0"), groupElement("data"));
        private static final long data$OFFSET = $LAYOUT.byteOffset(groupElement("$anon$0"), groupElement("data"));

        /** {@snippet lang=c : __u64 data[16] } */
        public static final MemoryLayout data$layout() { return data$LAYOUT; }

        public static final long data$offset() { return data$OFFSET; }

        public static MemorySegment data(MemorySegment struct) { return struct.asSlice(data$OFFSET, data$LAYOUT.byteSize()); }

        public static void data(MemorySegment struct, MemorySegment fieldValue) {
            MemorySegment.copy(fieldValue, 0L, struct, data$OFFSET, data$LAYOUT.byteSize());
        }

        public static long data(MemorySegment struct, long index0) {
            return struct.get(Kvm_h.C_LONG_LONG, data$OFFSET + index0 * 8);
        }

        public static void data(MemorySegment struct, long index0, long fieldValue) {
            struct.set(Kvm_h.C_LONG_LONG, data$OFFSET + index0 * 8, fieldValue);
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

    /** {@snippet lang=c : union { ... } s } */
    public static class s {

        s() {
            // Should not be called directly
        }

        private static final GroupLayout $LAYOUT = MemoryLayout.unionLayout(
            MemoryLayout.sequenceLayout(2048, Kvm_h.C_CHAR).withName("padding")).withName("s");

        /** The layout of this union. */
        public static final GroupLayout layout() { return $LAYOUT; }

        private static final MemoryLayout padding$LAYOUT = $LAYOUT.select(groupElement("padding"));
        private static final long padding$OFFSET = $LAYOUT.byteOffset(groupElement("padding"));

        /** {@snippet lang=c : char padding[2048] } */
        public static final MemoryLayout padding$layout() { return padding$LAYOUT; }

        public static final long padding$offset() { return padding$OFFSET; }

        public static MemorySegment padding(MemorySegment struct) { return struct.asSlice(padding$OFFSET, padding$LAYOUT.byteSize()); }

        public static void padding(MemorySegment struct, MemorySegment fieldValue) {
            MemorySegment.copy(fieldValue, 0L, struct, padding$OFFSET, padding$LAYOUT.byteSize());
        }

        public static byte padding(MemorySegment struct, long index0) {
            return struct.get(Kvm_h.C_CHAR, padding$OFFSET + index0 * 1);
        }

        public static void padding(MemorySegment struct, long index0, byte fieldValue) {
            struct.set(Kvm_h.C_CHAR, padding$OFFSET + index0 * 1, fieldValue);
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
