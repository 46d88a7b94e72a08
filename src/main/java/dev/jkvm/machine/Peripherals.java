package dev.jkvm.machine;

import dev.jkvm.VmmException;
import dev.jkvm.accel.InterruptRouter;
import dev.jkvm.boot.MpTable;
import dev.jkvm.config.DiskSpec;
import dev.jkvm.config.NicSpec;
import dev.jkvm.devices.block.BlockBackend;
import dev.jkvm.devices.block.BlockBackends;
import dev.jkvm.devices.bus.Bus;
import dev.jkvm.devices.ide.PiixIde;
import dev.jkvm.devices.e1000.E1000;
import dev.jkvm.devices.net.NetBackend;
import dev.jkvm.devices.net.TapBackend;
import dev.jkvm.devices.net.UserNetwork;
import dev.jkvm.devices.time.Clock;
import dev.jkvm.devices.virtio.net.VirtioNet;
import dev.jkvm.devices.pci.PciDevice;
import dev.jkvm.devices.virtio.blk.VirtioBlock;
import dev.jkvm.devices.virtio.pci.VirtioPciDevice;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The disks and NICs of --disk and --nic as PCI functions on bus 0, placed and programmed as
 * firmware would before the kernel starts.
 */
public final class Peripherals {
    /** Slot 1 holds the IDE controller, as the PIIX3 does on a PC; other functions follow from slot 2. */
    private static final int IDE_SLOT = 1;
    private static final int FIRST_FREE_SLOT = 2;

    private Peripherals() {}

    /** Attaches everything and returns the MP table's PCI interrupt routes. */
    public static List<MpTable.PciInterrupt> attach(Machine machine, PlatformDevices platform, InterruptRouter irq,
                                                    Clock clock, List<DiskSpec> disks, List<NicSpec> nics) {
        List<PciFirmware.Slot> slots = new ArrayList<>();
        List<DiskSpec> ide = disks.stream().filter(d -> d.iface() == DiskSpec.Interface.IDE).toList();
        if (!ide.isEmpty()) slots.add(attachIde(machine, platform, irq, ide));
        int slot = FIRST_FREE_SLOT;
        for (DiskSpec disk : disks) {
            if (disk.iface() != DiskSpec.Interface.VIRTIO) continue;
            String name = "virtio-blk" + slot;
            VirtioPciDevice blk = new VirtioPciDevice(name, new VirtioBlock(open(machine, disk)), machine.memory(), irq.msi(name));
            slots.add(attachPci(platform, slot++, blk));
        }
        for (int i = 0; i < nics.size(); i++) {
            NicSpec nic = nics.get(i);
            NetBackend backend = openNetwork(machine, nic);
            byte[] mac = macAddress(i);
            PciDevice device = switch (nic.model()) {
                case E1000 -> {
                    E1000 e1000 = new E1000(machine.memory(), backend, mac, clock);
                    // Buffered register writes (coalesced MMIO) reach the device before its receive path reads them.
                    e1000.setBeforeStateRead(() -> machine.deviceFastPaths().syncPendingWrites());
                    yield e1000.pciFunction();
                }
                case VIRTIO -> new VirtioPciDevice("virtio-net" + slot, new VirtioNet(backend, mac), machine.memory(),
                        irq.msi("virtio-net" + slot));
            };
            slots.add(attachPci(platform, slot++, device));
        }
        PciFirmware.assignResources(slots);
        return PciFirmware.interruptRoutes(slots, PlatformDevices.PCI_INTX);
    }

    private static PciFirmware.Slot attachIde(Machine machine, PlatformDevices platform, InterruptRouter irq, List<DiskSpec> disks) {
        if (disks.size() > PiixIde.MAX_DRIVES) throw new VmmException("at most " + PiixIde.MAX_DRIVES + " IDE disks fit on the two channels");
        BlockBackend[] drives = new BlockBackend[disks.size()];
        for (int i = 0; i < drives.length; i++) drives[i] = open(machine, disks.get(i));
        boolean forcePio = disks.stream().anyMatch(DiskSpec::forcePio);
        PiixIde ide = new PiixIde(irq.gsi(PiixIde.PRIMARY_IRQ), irq.gsi(PiixIde.SECONDARY_IRQ), machine.memory(), drives, forcePio);
        Bus pio = machine.pio();
        pio.register("ide-primary", PiixIde.PRIMARY_TASK_FILE, PiixIde.TASK_FILE_PORTS, ide.primaryTaskFile());
        pio.register("ide-primary-control", PiixIde.PRIMARY_CONTROL, PiixIde.CONTROL_PORTS, ide.primaryControl());
        pio.register("ide-secondary", PiixIde.SECONDARY_TASK_FILE, PiixIde.TASK_FILE_PORTS, ide.secondaryTaskFile());
        pio.register("ide-secondary-control", PiixIde.SECONDARY_CONTROL, PiixIde.CONTROL_PORTS, ide.secondaryControl());
        return attachPci(platform, IDE_SLOT, ide.pciFunction());
    }

    private static PciFirmware.Slot attachPci(PlatformDevices platform, int slot, PciDevice device) {
        if (slot >= 32) throw new VmmException("too many devices for one PCI bus");
        platform.pci().attach(slot, 0, device);
        return new PciFirmware.Slot(slot, 0, device);
    }

    /** Locally administered addresses in QEMU's 52:54:00 style, one per NIC. */
    static byte[] macAddress(int index) {
        return new byte[]{0x52, 0x54, 0x00, 0x12, 0x34, (byte) (0x56 + index)};
    }

    private static NetBackend openNetwork(Machine machine, NicSpec nic) {
        NetBackend backend;
        try {
            backend = switch (nic.backend()) {
                case USER -> new UserNetwork();
                case TAP -> new TapBackend(nic.tapName().orElseThrow());
            };
        } catch (TapBackend.TapException e) {
            throw new VmmException("--nic: " + e.getMessage());
        }
        machine.own(backend);
        return backend;
    }

    private static BlockBackend open(Machine machine, DiskSpec disk) {
        try {
            BlockBackend backend = BlockBackends.open(disk.file(),
                    disk.format() == DiskSpec.Format.QCOW2 ? BlockBackends.Format.QCOW2 : BlockBackends.Format.RAW, disk.readOnly());
            machine.own(backend);
            return backend;
        } catch (IOException e) {
            throw new VmmException("--disk: " + e.getMessage());
        }
    }
}
