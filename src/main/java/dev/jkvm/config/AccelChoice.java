package dev.jkvm.config;

/** --accel: which CPU runs the guest. */
public enum AccelChoice {
    /** KVM when /dev/kvm is usable, otherwise the software CPU. */
    AUTO,
    KVM,
    TCG
}
