package dev.jkvm.accel.kvm;

import dev.jkvm.accel.InterruptRouter;
import dev.jkvm.devices.irq.IrqLine;
import dev.jkvm.devices.irq.MsiSink;
import dev.jkvm.kvm.VmFd;

/** Device interrupts into KVM's in-kernel PIC and IOAPIC (KVM_IRQ_LINE), MSIs with KVM_SIGNAL_MSI. */
final class KvmInterruptRouter implements InterruptRouter {
    private final VmFd vm;

    KvmInterruptRouter(VmFd vm) {
        this.vm = vm;
    }

    @Override
    public IrqLine gsi(int gsi) {
        return level -> vm.irqLine(gsi, level);
    }

    @Override
    public MsiSink msi() {
        return vm::signalMsi;
    }
}
