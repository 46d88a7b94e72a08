package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.Kvm_h;

/** Why KVM_RUN returned: kvm_run.exit_reason, plus {@link #INTR} for a signal or kick. */
public enum VcpuExit {
    UNKNOWN(Kvm_h.KVM_EXIT_UNKNOWN()),
    EXCEPTION(Kvm_h.KVM_EXIT_EXCEPTION()),
    IO(Kvm_h.KVM_EXIT_IO()),
    HYPERCALL(Kvm_h.KVM_EXIT_HYPERCALL()),
    DEBUG(Kvm_h.KVM_EXIT_DEBUG()),
    HLT(Kvm_h.KVM_EXIT_HLT()),
    MMIO(Kvm_h.KVM_EXIT_MMIO()),
    IRQ_WINDOW_OPEN(Kvm_h.KVM_EXIT_IRQ_WINDOW_OPEN()),
    SHUTDOWN(Kvm_h.KVM_EXIT_SHUTDOWN()),
    FAIL_ENTRY(Kvm_h.KVM_EXIT_FAIL_ENTRY()),
    INTR(Kvm_h.KVM_EXIT_INTR()),
    SET_TPR(Kvm_h.KVM_EXIT_SET_TPR()),
    TPR_ACCESS(Kvm_h.KVM_EXIT_TPR_ACCESS()),
    NMI(Kvm_h.KVM_EXIT_NMI()),
    INTERNAL_ERROR(Kvm_h.KVM_EXIT_INTERNAL_ERROR()),
    SYSTEM_EVENT(Kvm_h.KVM_EXIT_SYSTEM_EVENT()),
    IOAPIC_EOI(Kvm_h.KVM_EXIT_IOAPIC_EOI()),
    HYPERV(Kvm_h.KVM_EXIT_HYPERV()),
    X86_RDMSR(Kvm_h.KVM_EXIT_X86_RDMSR()),
    X86_WRMSR(Kvm_h.KVM_EXIT_X86_WRMSR()),
    DIRTY_RING_FULL(Kvm_h.KVM_EXIT_DIRTY_RING_FULL()),
    AP_RESET_HOLD(Kvm_h.KVM_EXIT_AP_RESET_HOLD()),
    X86_BUS_LOCK(Kvm_h.KVM_EXIT_X86_BUS_LOCK()),
    NOTIFY(Kvm_h.KVM_EXIT_NOTIFY()),
    /** An exit code this enum does not list; {@link KvmRunArea#exitReason()} has the number. */
    OTHER(-1);

    private static final VcpuExit[] BY_CODE = new VcpuExit[64];

    static {
        for (VcpuExit exit : values()) {
            if (exit.code >= 0) BY_CODE[exit.code] = exit;
        }
    }

    private final int code;

    VcpuExit(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static VcpuExit of(int code) {
        VcpuExit exit = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        return exit != null ? exit : OTHER;
    }
}
