package dev.jkvm.machine;

import dev.jkvm.boot.MpTable;
import dev.jkvm.boot.PcLayout;
import dev.jkvm.devices.pci.IntxRouting;
import dev.jkvm.devices.pci.PciBar;
import dev.jkvm.devices.pci.PciDevice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a PC's firmware does for PCI before the kernel runs: gives every BAR an address (I/O from
 * 0xc000, memory from the start of the MMIO hole, largest first so alignment wastes nothing),
 * turns on decoding and bus mastering, and lists the INTx routes for the MP table.
 */
public final class PciFirmware {
    private static final long IO_BASE = 0xc000;
    private static final long IO_LIMIT = 0x10000;

    private PciFirmware() {}

    /** A function on bus 0. */
    public record Slot(int device, int function, PciDevice pci) {}

    private record DeviceBar(PciDevice device, PciBar bar) {}

    public static void assignResources(List<Slot> slots) {
        List<DeviceBar> bars = new ArrayList<>();
        for (Slot s : slots) {
            for (PciBar bar : s.pci().bars()) bars.add(new DeviceBar(s.pci(), bar));
        }
        bars.sort(Comparator.comparingLong((DeviceBar b) -> b.bar().size()).reversed());
        long io = IO_BASE;
        long memory = PcLayout.PCI_MMIO_BASE;
        for (DeviceBar entry : bars) {
            PciDevice device = entry.device();
            PciBar bar = entry.bar();
            long address;
            if (bar.kind() == PciBar.Kind.IO) {
                address = align(io, bar.size());
                io = address + bar.size();
                if (io > IO_LIMIT) throw new IllegalStateException("PCI I/O space exhausted at " + device.name());
            } else {
                address = align(memory, bar.size());
                memory = address + bar.size();
                if (memory > PcLayout.IOAPIC) throw new IllegalStateException("PCI memory hole exhausted at " + device.name());
            }
            device.configWrite(bar.registerOffset(), 4, address & 0xffffffffL);
            if (bar.kind() == PciBar.Kind.MEMORY64) device.configWrite(bar.registerOffset() + 4, 4, address >>> 32);
        }
        for (Slot s : slots) {
            long command = s.pci().configRead(PciDevice.COMMAND, 2);
            s.pci().configWrite(PciDevice.COMMAND, 2,
                    command | PciDevice.COMMAND_IO | PciDevice.COMMAND_MEMORY | PciDevice.COMMAND_BUS_MASTER);
        }
    }

    /** The MP table's PCI interrupt entries: each function's INTx pin and the GSI it is wired to. */
    public static List<MpTable.PciInterrupt> interruptRoutes(List<Slot> slots, IntxRouting routing) {
        List<MpTable.PciInterrupt> routes = new ArrayList<>();
        for (Slot s : slots) {
            int pin = s.pci().interruptPin();
            if (pin != 0) routes.add(new MpTable.PciInterrupt(s.device(), pin, routing.gsi(s.device(), pin)));
        }
        return routes;
    }

    private static long align(long value, long alignment) {
        return (value + alignment - 1) & -alignment;
    }
}
