package dev.jkvm.kvm;

/** One entry of the VM's GSI routing table (KVM_SET_GSI_ROUTING). */
public sealed interface GsiRoute {
    int gsi();

    /** The in-kernel interrupt controllers a GSI can be wired to. */
    enum Irqchip { PIC_MASTER, PIC_SLAVE, IOAPIC }

    /** GSI drives {@code pin} of an in-kernel PIC or IOAPIC. */
    record ToIrqchip(int gsi, Irqchip chip, int pin) implements GsiRoute {}

    /** GSI sends the MSI message {@code address}/{@code data}. */
    record ToMsi(int gsi, long address, int data) implements GsiRoute {}
}
