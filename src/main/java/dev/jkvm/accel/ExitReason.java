package dev.jkvm.accel;

/** Why a vCPU left guest mode, in the terms KVM reports (KVM_EXIT_*), for both accelerators. */
public enum ExitReason {
    IO_IN,
    IO_OUT,
    MMIO_READ,
    MMIO_WRITE,
    HLT,
    IRQ_WINDOW_OPEN,
    INTR,
    SHUTDOWN,
    SYSTEM_EVENT,
    FAIL_ENTRY,
    INTERNAL_ERROR,
    OTHER
}
