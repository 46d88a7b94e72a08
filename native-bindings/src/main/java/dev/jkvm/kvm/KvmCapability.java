package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.Kvm_h;

/** The KVM_CAP_* extensions jkvm asks KVM_CHECK_EXTENSION about. */
public enum KvmCapability {
    IRQCHIP(Kvm_h.KVM_CAP_IRQCHIP()),
    HLT(Kvm_h.KVM_CAP_HLT()),
    USER_MEMORY(Kvm_h.KVM_CAP_USER_MEMORY()),
    SET_TSS_ADDR(Kvm_h.KVM_CAP_SET_TSS_ADDR()),
    SET_IDENTITY_MAP_ADDR(Kvm_h.KVM_CAP_SET_IDENTITY_MAP_ADDR()),
    EXT_CPUID(Kvm_h.KVM_CAP_EXT_CPUID()),
    NR_VCPUS(Kvm_h.KVM_CAP_NR_VCPUS()),
    MAX_VCPUS(Kvm_h.KVM_CAP_MAX_VCPUS()),
    NR_MEMSLOTS(Kvm_h.KVM_CAP_NR_MEMSLOTS()),
    MP_STATE(Kvm_h.KVM_CAP_MP_STATE()),
    COALESCED_MMIO(Kvm_h.KVM_CAP_COALESCED_MMIO()),
    IRQ_ROUTING(Kvm_h.KVM_CAP_IRQ_ROUTING()),
    IRQFD(Kvm_h.KVM_CAP_IRQFD()),
    IRQFD_RESAMPLE(Kvm_h.KVM_CAP_IRQFD_RESAMPLE()),
    PIT2(Kvm_h.KVM_CAP_PIT2()),
    IOEVENTFD(Kvm_h.KVM_CAP_IOEVENTFD()),
    SIGNAL_MSI(Kvm_h.KVM_CAP_SIGNAL_MSI()),
    IMMEDIATE_EXIT(Kvm_h.KVM_CAP_IMMEDIATE_EXIT()),
    TSC_CONTROL(Kvm_h.KVM_CAP_TSC_CONTROL()),
    GET_TSC_KHZ(Kvm_h.KVM_CAP_GET_TSC_KHZ()),
    BINARY_STATS_FD(Kvm_h.KVM_CAP_BINARY_STATS_FD());

    private final int code;

    KvmCapability(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The C name, e.g. "KVM_CAP_IRQFD", for messages. */
    public String kvmName() {
        return "KVM_CAP_" + name();
    }
}
