// Generated-style binding for struct kvm_regs of linux/kvm.h (x86_64); regenerate with jextract.sh.
package dev.jkvm.bindings.kvm;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfLong;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/** {@snippet lang=c : struct kvm_regs } */
public class kvm_regs {

    kvm_regs() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        Kvm_h.C_LONG_LONG.withName("rax"),
        Kvm_h.C_LONG_LONG.withName("rbx"),
        Kvm_h.C_LONG_LONG.withName("rcx"),
        Kvm_h.C_LONG_LONG.withName("rdx"),
        Kvm_h.C_LONG_LONG.withName("rsi"),
        Kvm_h.C_LONG_LONG.withName("rdi"),
        Kvm_h.C_LONG_LONG.withName("rsp"),
        Kvm_h.C_LONG_LONG.withName("rbp"),
        Kvm_h.C_LONG_LONG.withName("r8"),
        Kvm_h.C_LONG_LONG.withName("r9"),
        Kvm_h.C_LONG_LONG.withName("r10"),
        Kvm_h.C_LONG_LONG.withName("r11"),
        Kvm_h.C_LONG_LONG.withName("r12"),
        Kvm_h.C_LONG_LONG.withName("r13"),
        Kvm_h.C_LONG_LONG.withName("r14"),
        Kvm_h.C_LONG_LONG.withName("r15"),
        Kvm_h.C_LONG_LONG.withName("rip"),
        Kvm_h.C_LONG_LONG.withName("rflags")).withName("kvm_regs");

    /** The layout of this struct. */
    public static final GroupLayout layout() { return $LAYOUT; }

    private static final OfLong rax$LAYOUT = (OfLong) $LAYOUT.select(groupElement("rax"));
    private static final long rax$OFFSET = $LAYOUT.byteOffset(groupElement("rax"));

    /** {@snippet lang=c : __u64 rax } */
    public static final OfLong rax$layout() { return rax$LAYOUT; }

    public static final long rax$offset() { return rax$OFFSET; }

    public static long rax(MemorySegment struct) { return struct.get(rax$LAYOUT, rax$OFFSET); }

    public static void rax(MemorySegment struct, long fieldValue) { struct.set(rax$LAYOUT, rax$OFFSET, fieldValue); }

    private static final OfLong rbx$LAYOUT = (OfLong) $LAYOUT.select(groupElement("rbx"));
    private static final long rbx$OFFSET = $LAYOUT.byteOffset(groupElement("rbx"));

    /** {@snippet lang=c : __u64 rbx } */
    public static final OfLong rbx$layout() { return rbx$LAYOUT; }

    public static final long rbx$offset() { return rbx$OFFSET; }

    public static long rbx(MemorySegment struct) { return struct.get(rbx$LAYOUT, rbx$OFFSET); }

    public static void rbx(MemorySegment struct, long fieldValue) { struct.set(rbx$LAYOUT, rbx$OFFSET, fieldValue); }

    private static final OfLong rcx$LAYOUT = (OfLong) $LAYOUT.select(groupElement("rcx"));
    private static final long rcx$OFFSET = $LAYOUT.byteOffset(groupElement("rcx"));

    /** {@snippet lang=c : __u64 rcx } */
    public static final OfLong rcx$layout() { return rcx$LAYOUT; }

    public static final long rcx$offset() { return rcx$OFFSET; }

    public static long rcx(MemorySegment struct) { return struct.get(rcx$LAYOUT, rcx$OFFSET); }

    public static void rcx(MemorySegment struct, long fieldValue) { struct.set(rcx$LAYOUT, rcx$OFFSET, fieldValue); }

    private static final OfLong rdx$LAYOUT = (OfLong) $LAYOUT.select(groupElement("rdx"));
    private static final long rdx$OFFSET = $LAYOUT.byteOffset(groupElement("rdx"));

    /** {@snippet lang=c : __u64 rdx } */
    public static final OfLong rdx$layout() { return rdx$LAYOUT; }

    public static final long rdx$offset() { return rdx$OFFSET; }

    public static long rdx(MemorySegment struct) { return struct.get(rdx$LAYOUT, rdx$OFFSET); }

    public static void rdx(MemorySegment struct, long fieldValue) { struct.set(rdx$LAYOUT, rdx$OFFSET, fieldValue); }

    private static final OfLong rsi$LAYOUT = (OfLong) $LAYOUT.select(groupElement("rsi"));
    private static final long rsi$OFFSET = $LAYOUT.byteOffset(groupElement("rsi"));

    /** {@snippet lang=c : __u64 rsi } */
    public static final OfLong rsi$layout() { return rsi$LAYOUT; }

    public static final long rsi$offset() { return rsi$OFFSET; }

    public static long rsi(MemorySegment struct) { return struct.get(rsi$LAYOUT, rsi$OFFSET); }

    public static void rsi(MemorySegment struct, long fieldValue) { struct.set(rsi$LAYOUT, rsi$OFFSET, fieldValue); }

    private static final OfLong rdi$LAYOUT = (OfLong) $LAYOUT.select(groupElement("rdi"));
    private static final long rdi$OFFSET = $LAYOUT.byteOffset(groupElement("rdi"));

    /** {@snippet lang=c : __u64 rdi } */
    public static final OfLong rdi$layout() { return rdi$LAYOUT; }

    public static final long rdi$offset() { return rdi$OFFSET; }

    public static long rdi(MemorySegment struct) { return struct.get(rdi$LAYOUT, rdi$OFFSET); }

    public static void rdi(MemorySegment struct, long fieldValue) { struct.set(rdi$LAYOUT, rdi$OFFSET, fieldValue); }

    private static final OfLong rsp$LAYOUT = (OfLong) $LAYOUT.select(groupElement("rsp"));
    private static final long rsp$OFFSET = $LAYOUT.byteOffset(groupElement("rsp"));

    /** {@snippet lang=c : __u64 rsp } */
    public static final OfLong rsp$layout() { return rsp$LAYOUT; }

    public static final long rsp$offset() { return rsp$OFFSET; }

    public static long rsp(MemorySegment struct) { return struct.get(rsp$LAYOUT, rsp$OFFSET); }

    public static void rsp(MemorySegment struct, long fieldValue) { struct.set(rsp$LAYOUT, rsp$OFFSET, fieldValue); }

    private static final OfLong rbp$LAYOUT = (OfLong) $LAYOUT.select(groupElement("rbp"));
    private static final long rbp$OFFSET = $LAYOUT.byteOffset(groupElement("rbp"));

    /** {@snippet lang=c : __u64 rbp } */
    public static final OfLong rbp$layout() { return rbp$LAYOUT; }

    public static final long rbp$offset() { return rbp$OFFSET; }

    public static long rbp(MemorySegment struct) { return struct.get(rbp$LAYOUT, rbp$OFFSET); }

    public static void rbp(MemorySegment struct, long fieldValue) { struct.set(rbp$LAYOUT, rbp$OFFSET, fieldValue); }

    private static final OfLong r8$LAYOUT = (OfLong) $LAYOUT.select(groupElement("r8"));
    private static final long r8$OFFSET = $LAYOUT.byteOffset(groupElement("r8"));

    /** {@snippet lang=c : __u64 r8 } */
    public static final OfLong r8$layout() { return r8$LAYOUT; }

    public static final long r8$offset() { return r8$OFFSET; }

    public static long r8(MemorySegment struct) { return struct.get(r8$LAYOUT, r8$OFFSET); }

    public static void r8(MemorySegment struct, long fieldValue) { struct.set(r8$LAYOUT, r8$OFFSET, fieldValue); }

    private static final OfLong r9$LAYOUT = (OfLong) $LAYOUT.select(groupElement("r9"));
    private static final long r9$OFFSET = $LAYOUT.byteOffset(groupElement("r9"));

    /** {@snippet lang=c : __u64 r9 } */
    public static final OfLong r9$layout() { return r9$LAYOUT; }

    public static final long r9$offset() { return r9$OFFSET; }

    public static long r9(MemorySegment struct) { return struct.get(r9$LAYOUT, r9$OFFSET); }

    public static void r9(MemorySegment struct, long fieldValue) { struct.set(r9$LAYOUT, r9$OFFSET, fieldValue); }

    private static final OfLong r10$LAYOUT = (OfLong) $LAYOUT.select(groupElement("r10"));
    private static final long r10$OFFSET = $LAYOUT.byteOffset(groupElement("r10"));

    /** {@snippet lang=c : __u64 r10 } */
    public static final OfLong r10$layout() { return r10$LAYOUT; }

    public static final long r10$offset() { return r10$OFFSET; }

    public static long r10(MemorySegment struct) { return struct.get(r10$LAYOUT, r10$OFFSET); }

    public static void r10(MemorySegment struct, long fieldValue) { struct.set(r10$LAYOUT, r10$OFFSET, fieldValue); }

    private static final OfLong r11$LAYOUT = (OfLong) $LAYOUT.select(groupElement("r11"));
    private static final long r11$OFFSET = $LAYOUT.byteOffset(groupElement("r11"));

    /** {@snippet lang=c : __u64 r11 } */
    public static final OfLong r11$layout() { return r11$LAYOUT; }

    public static final long r11$offset() { return r11$OFFSET; }

    public static long r11(MemorySegment struct) { return struct.get(r11$LAYOUT, r11$OFFSET); }

    public static void r11(MemorySegment struct, long fieldValue) { struct.set(r11$LAYOUT, r11$OFFSET, fieldValue); }

    private static final OfLong r12$LAYOUT = (OfLong) $LAYOUT.select(groupElement("r12"));
    private static final long r12$OFFSET = $LAYOUT.byteOffset(groupElement("r12"));

    /** {@snippet lang=c : __u64 r12 } */
    public static final OfLong r12$layout() { return r12$LAYOUT; }

    public static final long r12$offset() { return r12$OFFSET; }

    public static long r12(MemorySegment struct) { return struct.get(r12$LAYOUT, r12$OFFSET); }

    public static void r12(MemorySegment struct, long fieldValue) { struct.set(r12$LAYOUT, r12$OFFSET, fieldValue); }

    private static final OfLong r13$LAYOUT = (OfLong) $LAYOUT.select(groupElement("r13"));
    private static final long r13$OFFSET = $LAYOUT.byteOffset(groupElement("r13"));

    /** {@snippet lang=c : __u64 r13 } */
    public static final OfLong r13$layout() { return r13$LAYOUT; }

    public static final long r13$offset() { return r13$OFFSET; }

    public static long r13(MemorySegment struct) { return struct.get(r13$LAYOUT, r13$OFFSET); }

    public static void r13(MemorySegment struct, long fieldValue) { struct.set(r13$LAYOUT, r13$OFFSET, fieldValue); }

    private static final OfLong r14$LAYOUT = (OfLong) $LAYOUT.select(groupElement("r14"));
    private static final long r14$OFFSET = $LAYOUT.byteOffset(groupElement("r14"));

    /** {@snippet lang=c : __u64 r14 } */
    public static final OfLong r14$layout() { return r14$LAYOUT; }

    public static final long r14$offset() { return r14$OFFSET; }

    public static long r14(MemorySegment struct) { return struct.get(r14$LAYOUT, r14$OFFSET); }

    public static void r14(MemorySegment struct, long fieldValue) { struct.set(r14$LAYOUT, r14$OFFSET, fieldValue); }

    private static final OfLong r15$LAYOUT = (OfLong) $LAYOUT.select(groupElement("r15"));
    private static final long r15$OFFSET = $LAYOUT.byteOffset(groupElement("r15"));

    /** {@snippet lang=c : __u64 r15 } */
    public static final OfLong r15$layout() { return r15$LAYOUT; }

    public static final long r15$offset() { return r15$OFFSET; }

    public static long r15(MemorySegment struct) { return struct.get(r15$LAYOUT, r15$OFFSET); }

    public static void r15(MemorySegment struct, long fieldValue) { struct.set(r15$LAYOUT, r15$OFFSET, fieldValue); }

    private static final OfLong rip$LAYOUT = (OfLong) $LAYOUT.select(groupElement("rip"));
    private static final long rip$OFFSET = $LAYOUT.byteOffset(groupElement("rip"));

    /** {@snippet lang=c : __u64 rip } */
    public static final OfLong rip$layout() { return rip$LAYOUT; }

    public static final long rip$offset() { return rip$OFFSET; }

    public static long rip(MemorySegment struct) { return struct.get(rip$LAYOUT, rip$OFFSET); }

    public static void rip(MemorySegment struct, long fieldValue) { struct.set(rip$LAYOUT, rip$OFFSET, fieldValue); }

    private static final OfLong rflags$LAYOUT = (OfLong) $LAYOUT.select(groupElement("rflags"));
    private static final long rflags$OFFSET = $LAYOUT.byteOffset(groupElement("rflags"));

    /** {@snippet lang=c : __u64 rflags } */
    public static final OfLong rflags$layout() { return rflags$LAYOUT; }

    public static final long rflags$offset() { return rflags$OFFSET; }

    public static long rflags(MemorySegment struct) { return struct.get(rflags$LAYOUT, rflags$OFFSET); }

    public static void rflags(MemorySegment struct, long fieldValue) { struct.set(rflags$LAYOUT, rflags$OFFSET, fieldValue); }

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
