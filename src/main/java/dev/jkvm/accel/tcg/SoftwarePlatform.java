package dev.jkvm.accel.tcg;

import dev.jkvm.accel.InterruptRouter;
import dev.jkvm.boot.MpTable;
import dev.jkvm.devices.apic.ApicBus;
import dev.jkvm.devices.apic.CpuSignals;
import dev.jkvm.devices.apic.IoApic;
import dev.jkvm.devices.apic.LocalApic;
import dev.jkvm.devices.bus.Bus;
import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.bus.ExitKind;
import dev.jkvm.devices.irq.IrqLine;
import dev.jkvm.devices.irq.MsiSink;
import dev.jkvm.devices.pic.PicPair;
import dev.jkvm.devices.pit.I8254;
import dev.jkvm.devices.pit.SystemControlPortB;
import dev.jkvm.devices.time.VirtualClock;
import dev.jkvm.machine.Machine;

import java.util.ArrayList;
import java.util.List;

/**
 * What KVM keeps in the kernel, as Java models for the software CPU: the PIC pair, the PIT and
 * port 0x61, the IOAPIC and one local APIC per vCPU. Their windows are marked in-kernel so exit
 * tables line up with KVM's.
 */
final class SoftwarePlatform implements InterruptRouter {
    private final PicPair pic;
    private final IoApic ioapic;
    private final ApicBus apicBus = new ApicBus();
    private final List<LocalApic> localApics = new ArrayList<>();
    private final ThreadLocal<LocalApic> currentApic = new ThreadLocal<>();

    SoftwarePlatform(Machine machine, VirtualClock clock, List<? extends CpuSignals> signals, Runnable picOutputChanged) {
        Bus pio = machine.pio();
        pic = new PicPair(level -> picOutputChanged.run());
        pio.register("pic-master", 0x20, 2, pic.master(), ExitKind.IN_KERNEL);
        pio.register("pic-slave", 0xa0, 2, pic.slave(), ExitKind.IN_KERNEL);
        pio.register("pic-elcr", 0x4d0, 2, pic.elcr(), ExitKind.IN_KERNEL);

        ioapic = new IoApic(MpTable.ioapicId(machine.cpus()), apicBus);
        apicBus.attach(ioapic);
        machine.mmio().register("ioapic", IoApic.DEFAULT_BASE, IoApic.WINDOW_SIZE, ioapic, ExitKind.IN_KERNEL);
        for (int i = 0; i < machine.cpus(); i++) {
            LocalApic lapic = new LocalApic(i, i == 0, clock, apicBus, signals.get(i));
            apicBus.attach(lapic);
            localApics.add(lapic);
        }
        machine.mmio().register("lapic", LocalApic.DEFAULT_BASE, LocalApic.WINDOW_SIZE, new CurrentCpuApic(), ExitKind.IN_KERNEL);

        I8254 pit = new I8254(clock, gsi(0));
        pio.register("pit", 0x40, 4, pit, ExitKind.IN_KERNEL);
        pio.register("port-61", 0x61, 1, new SystemControlPortB(pit), ExitKind.IN_KERNEL);
    }

    LocalApic localApic(int cpu) {
        return localApics.get(cpu);
    }

    PicPair pic() {
        return pic;
    }

    /** Binds the calling vCPU thread to its local APIC: each CPU sees its own at the same address. */
    void bindCurrentThread(int cpu) {
        currentApic.set(localApics.get(cpu));
    }

    /** ISA IRQs reach both the PIC and the IOAPIC input the MP table names; others only the IOAPIC. */
    @Override
    public IrqLine gsi(int gsi) {
        IrqLine ioapicInput = ioapic.input(gsi < 16 ? MpTable.isaInput(gsi) : gsi);
        if (gsi >= 16 || gsi == 2) return ioapicInput;
        IrqLine picInput = pic.line(gsi);
        return level -> {
            picInput.set(level);
            ioapicInput.set(level);
        };
    }

    @Override
    public MsiSink msi() {
        return apicBus;
    }

    /** The LAPIC page, dispatched to the local APIC of the vCPU thread that accesses it. */
    private final class CurrentCpuApic implements BusDevice {
        @Override
        public long read(long offset, int size) {
            LocalApic lapic = currentApic.get();
            return lapic == null ? -1L : lapic.read(offset, size);
        }

        @Override
        public void write(long offset, int size, long value) {
            LocalApic lapic = currentApic.get();
            if (lapic != null) lapic.write(offset, size, value);
        }
    }
}
