package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.Kvm_h;

/** x86 vCPU multiprocessing states of KVM_GET_MP_STATE / KVM_SET_MP_STATE. */
public enum MpState {
    RUNNABLE(Kvm_h.KVM_MP_STATE_RUNNABLE()),
    UNINITIALIZED(Kvm_h.KVM_MP_STATE_UNINITIALIZED()),
    INIT_RECEIVED(Kvm_h.KVM_MP_STATE_INIT_RECEIVED()),
    HALTED(Kvm_h.KVM_MP_STATE_HALTED()),
    SIPI_RECEIVED(Kvm_h.KVM_MP_STATE_SIPI_RECEIVED()),
    AP_RESET_HOLD(Kvm_h.KVM_MP_STATE_AP_RESET_HOLD()),
    SUSPENDED(Kvm_h.KVM_MP_STATE_SUSPENDED());

    private final int code;

    MpState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static MpState of(int code) {
        for (MpState state : values()) {
            if (state.code == code) return state;
        }
        throw new IllegalArgumentException("unknown x86 mp_state " + code);
    }
}
