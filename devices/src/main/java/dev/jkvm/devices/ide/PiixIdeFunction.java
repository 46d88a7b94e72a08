package dev.jkvm.devices.ide;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.pci.PciBar;
import dev.jkvm.devices.pci.PciDevice;

/**
 * The PIIX3 IDE PCI function (8086:7010), class 0x010180: mass storage, IDE, both channels fixed in
 * legacy (compatibility) mode, bus-master capable. BAR4 is the bus-master window. There is no INTx
 * pin: legacy channels interrupt on IRQ 14 and 15.
 *
 * <p>IDETIM (0x40 primary, 0x42 secondary) powers up with its decode enable bit (15) set, as
 * firmware leaves it; Linux's ata_piix ignores a channel whose bit is clear. The timing fields and
 * SIDETIM (0x44) are plain storage: timing does not matter to an emulated disk.
 */
final class PiixIdeFunction extends PciDevice {
    private static final int IDETIM_PRIMARY = 0x40, IDETIM_SECONDARY = 0x42, SIDETIM = 0x44;
    private static final int IDETIM_DECODE_ENABLE = 0x8000;

    PiixIdeFunction(BusDevice busMasterWindow) {
        super("piix3-ide", 0x8086, 0x7010, 0x010180, 0x00);
        addBar(PiixIde.BUS_MASTER_BAR, PciBar.Kind.IO, BusMasterWindow.SIZE, false, busMasterWindow);
        for (int idetim : new int[] {IDETIM_PRIMARY, IDETIM_SECONDARY}) {
            config.set(idetim, 2, IDETIM_DECODE_ENABLE);
            config.setWritable(idetim, 2, 0xffff);
        }
        config.setWritable(SIDETIM, 1, 0xff);
    }
}
