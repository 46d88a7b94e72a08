package dev.jkvm.accel.kvm;

import dev.jkvm.kvm.CpuidEntry;

import java.util.ArrayList;
import java.util.List;

/** The CPUID a vCPU sees: what KVM supports, with its APIC ID and the hypervisor bit and leaf. */
final class KvmCpuid {
    private static final int HYPERVISOR_BIT = 1 << 31;
    private static final int HYPERVISOR_LEAF = 0x4000_0000;
    /** "KVMKVMKVM\0\0\0": Linux then uses the KVM paravirtual clock and features. */
    private static final int[] KVM_SIGNATURE = {0x4b4d564b, 0x564b4d56, 0x0000004d};

    private KvmCpuid() {}

    static List<CpuidEntry> forVcpu(List<CpuidEntry> supported, int apicId) {
        List<CpuidEntry> out = new ArrayList<>();
        boolean hasHypervisorLeaf = false;
        for (CpuidEntry e : supported) {
            switch (e.function()) {
                case 1 -> out.add(e.withRegisters(e.eax(), (e.ebx() & 0x00ff_ffff) | apicId << 24, e.ecx() | HYPERVISOR_BIT, e.edx()));
                case 0xb, 0x1f -> out.add(e.withRegisters(e.eax(), e.ebx(), e.ecx(), apicId));
                case HYPERVISOR_LEAF -> {
                    hasHypervisorLeaf = true;
                    out.add(e.withRegisters(Math.max(e.eax(), HYPERVISOR_LEAF + 1), KVM_SIGNATURE[0], KVM_SIGNATURE[1], KVM_SIGNATURE[2]));
                }
                default -> out.add(e);
            }
        }
        if (!hasHypervisorLeaf) {
            out.add(new CpuidEntry(HYPERVISOR_LEAF, 0, 0, HYPERVISOR_LEAF, KVM_SIGNATURE[0], KVM_SIGNATURE[1], KVM_SIGNATURE[2]));
        }
        return out;
    }
}
