package dev.jkvm.machine;

import dev.jkvm.boot.MpTable;
import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.pci.IntxRouting;
import dev.jkvm.devices.pci.PciBar;
import dev.jkvm.devices.pci.PciDevice;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PciFirmwareTest {
    private static final BusDevice NOTHING = new BusDevice() {
        public long read(long offset, int size) { return 0; }
        public void write(long offset, int size, long value) { }
    };

    @Test
    void barsGetAlignedAddressesAndDecodingIsEnabled() {
        PciDevice nic = new PciDevice("nic", 0x8086, 0x100e, 0x020000, 0);
        nic.addBar(0, PciBar.Kind.MEMORY32, 0x20000, false, NOTHING);
        nic.addBar(1, PciBar.Kind.IO, 0x40, false, NOTHING);
        nic.setInterruptPin(1);
        PciDevice virtio = new PciDevice("virtio", 0x1af4, 0x1042, 0x010000, 1);
        virtio.addBar(4, PciBar.Kind.MEMORY64, 0x4000, true, NOTHING);
        virtio.setInterruptPin(1);
        List<PciFirmware.Slot> slots = List.of(new PciFirmware.Slot(3, 0, nic), new PciFirmware.Slot(4, 0, virtio));
        PciFirmware.assignResources(slots);

        long nicBar = nic.mappedAddress(0);
        long virtioBar = virtio.mappedAddress(4);
        assertEquals(0xc0000000L, nicBar, "the largest BAR goes first");
        assertEquals(0xc0020000L, virtioBar);
        assertEquals(0xc000, nic.mappedAddress(1));
        assertEquals(0, virtioBar % 0x4000);
        assertTrue((nic.configRead(PciDevice.COMMAND, 2) & 0x7) == 0x7);

        List<MpTable.PciInterrupt> routes = PciFirmware.interruptRoutes(slots, IntxRouting.pirqLinks(16, 17, 18, 19));
        assertEquals(List.of(new MpTable.PciInterrupt(3, 1, 19), new MpTable.PciInterrupt(4, 1, 16)), routes);
    }
}
