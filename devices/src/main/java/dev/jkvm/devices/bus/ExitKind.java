package dev.jkvm.devices.bus;

/**
 * Where an access to a device would be handled under KVM. In-kernel devices (PIC, PIT, LAPIC, IOAPIC)
 * are emulated by KVM itself, so accesses to them are counted apart from exits to user space.
 */
public enum ExitKind {
    USER_SPACE,
    IN_KERNEL
}
