package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.Kvm_h;
import dev.jkvm.bindings.kvm.kvm_cpuid2;
import dev.jkvm.bindings.kvm.kvm_cpuid_entry2;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.ArrayList;
import java.util.List;

/** One CPUID leaf (struct kvm_cpuid_entry2): {@code function} is EAX on input, {@code index} ECX. */
public record CpuidEntry(int function, int index, int flags, int eax, int ebx, int ecx, int edx) {
    /** flags bit: the leaf depends on {@code index} (the kernel header spells it SIGNIFCANT). */
    public static final int FLAG_SIGNIFICANT_INDEX = Kvm_h.KVM_CPUID_FLAG_SIGNIFCANT_INDEX();

    public CpuidEntry withRegisters(int eax, int ebx, int ecx, int edx) {
        return new CpuidEntry(function, index, flags, eax, ebx, ecx, edx);
    }

    /** Allocates a struct kvm_cpuid2 with room for {@code capacity} entries and nent set to it. */
    static MemorySegment allocate(int capacity, SegmentAllocator allocator) {
        MemorySegment cpuid = allocator.allocate(kvm_cpuid2.sizeof() + capacity * kvm_cpuid_entry2.sizeof(),
                kvm_cpuid2.layout().byteAlignment());
        kvm_cpuid2.nent(cpuid, capacity);
        return cpuid;
    }

    static MemorySegment toNative(List<CpuidEntry> entries, SegmentAllocator allocator) {
        MemorySegment cpuid = allocate(entries.size(), allocator);
        MemorySegment array = cpuid.asSlice(kvm_cpuid2.entries$offset());
        for (int i = 0; i < entries.size(); i++) {
            CpuidEntry e = entries.get(i);
            MemorySegment m = kvm_cpuid_entry2.asSlice(array, i);
            kvm_cpuid_entry2.function(m, e.function);
            kvm_cpuid_entry2.index(m, e.index);
            kvm_cpuid_entry2.flags(m, e.flags);
            kvm_cpuid_entry2.eax(m, e.eax);
            kvm_cpuid_entry2.ebx(m, e.ebx);
            kvm_cpuid_entry2.ecx(m, e.ecx);
            kvm_cpuid_entry2.edx(m, e.edx);
        }
        return cpuid;
    }

    static List<CpuidEntry> fromNative(MemorySegment cpuid) {
        int count = kvm_cpuid2.nent(cpuid);
        MemorySegment array = cpuid.asSlice(kvm_cpuid2.entries$offset());
        List<CpuidEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            MemorySegment m = kvm_cpuid_entry2.asSlice(array, i);
            entries.add(new CpuidEntry(kvm_cpuid_entry2.function(m), kvm_cpuid_entry2.index(m), kvm_cpuid_entry2.flags(m),
                    kvm_cpuid_entry2.eax(m), kvm_cpuid_entry2.ebx(m), kvm_cpuid_entry2.ecx(m), kvm_cpuid_entry2.edx(m)));
        }
        return List.copyOf(entries);
    }
}
