package dev.jkvm.accel.kvm;

import dev.jkvm.accel.InterruptRouter;
import dev.jkvm.devices.irq.IrqLine;
import dev.jkvm.devices.irq.MsiSink;
import dev.jkvm.kvm.EventFd;
import dev.jkvm.kvm.KvmException;
import dev.jkvm.kvm.VmFd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Device interrupts into KVM's in-kernel PIC and IOAPIC. Without irqfd: KVM_IRQ_LINE for lines and
 * KVM_SIGNAL_MSI for messages. With irqfd: the PCI INTx inputs (GSI 16-23, level-triggered) are irqfds with
 * a resample eventfd served by an I/O thread, and each device's MSI-X vectors get GSI routes and irqfds
 * ({@link MsiRouteTable}) that follow the guest's MSI-X table. The ISA lines stay on KVM_IRQ_LINE.
 */
final class KvmInterruptRouter implements InterruptRouter {
    private static final Logger log = LoggerFactory.getLogger(KvmInterruptRouter.class);
    static final int FIRST_PCI_GSI = 16, IOAPIC_PINS = 24;
    private static final String RESAMPLE_THREAD = "irq-resample";

    private final VmFd vm;
    private final KvmFastPaths fastPaths;
    private final boolean irqfd;
    private final Map<Integer, IrqLine> lines = new HashMap<>();

    KvmInterruptRouter(VmFd vm, KvmFastPaths fastPaths) {
        this.vm = vm;
        this.fastPaths = fastPaths;
        this.irqfd = fastPaths != null && fastPaths.enabled().irqfd();
    }

    @Override
    public synchronized IrqLine gsi(int gsi) {
        return lines.computeIfAbsent(gsi, this::line);
    }

    private IrqLine line(int gsi) {
        if (irqfd && gsi >= FIRST_PCI_GSI && gsi < IOAPIC_PINS) {
            EventFd trigger = EventFd.create();
            EventFd resample = EventFd.create();
            try {
                vm.assignResamplingIrqfd(trigger, resample, gsi);
                ResamplingIrqLine line = new ResamplingIrqLine(trigger::signal);
                fastPaths.thread(RESAMPLE_THREAD).add(resample, n -> line.resampled());
                log.debug("GSI {}: irqfd with resample", gsi);
                return line;
            } catch (KvmException e) {
                log.warn("GSI {}: no resampling irqfd ({}); using KVM_IRQ_LINE", gsi, e.getMessage());
                trigger.close();
                resample.close();
            }
        }
        return level -> vm.irqLine(gsi, level);
    }

    @Override
    public MsiSink msi() {
        return vm::signalMsi;
    }

    @Override
    public MsiSink msi(String device) {
        if (!irqfd) return msi();
        return fastPaths.msiRoutes().sinkFor(device);
    }
}
