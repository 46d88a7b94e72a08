package dev.jkvm.compare;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RegisterNamesTest {
    private static String name(String window, String bus, long base, long offset, String dir) {
        return RegisterNames.name(window, bus, base, offset, dir).label();
    }

    @AfterEach
    void resetLayout() {
        RegisterNames.setVirtioLayout(RegisterNames.VirtioLayout.DEFAULT);
    }

    @Test
    void ataTaskfileAndControlPorts() {
        String[] reads = {"data", "error", "sector count", "LBA low", "LBA mid", "LBA high", "device", "status"};
        String[] writes = {"data", "features", "sector count", "LBA low", "LBA mid", "LBA high", "device", "command"};
        for (int i = 0; i < 8; i++) {
            assertEquals("ATA " + reads[i], name("ide-primary", "pio", 0x1f0, i, "read"));
            assertEquals("ATA " + writes[i], name("ide-primary", "pio", 0x1f0, i, "write"));
        }
        assertEquals("ATA alt status", name("ide-primary-control", "pio", 0x3f6, 0, "read"));
        assertEquals("ATA device control", name("ide-ctl", "pio", 0x3f4, 2, "write"));
        assertEquals("ATA secondary status", name("ide-secondary", "pio", 0x170, 7, "read"));
        assertEquals("ATA status", name("unclaimed", "pio", 0, 0x1f7, "read"), "unclaimed offsets are absolute");
    }

    @Test
    void busMasterRegisters() {
        assertEquals("bus-master command", name("piix-ide-bm", "pio", 0xc000, 0, "write"));
        assertEquals("bus-master status", name("ide-bar4", "pio", 0xc040, 2, "read"));
        assertEquals("bus-master PRD table address", name("ide-bm", "pio", 0xc000, 4, "write"));
        assertEquals("bus-master secondary status", name("ide-bm", "pio", 0xc000, 10, "read"));
    }

    @Test
    void e1000Registers() {
        assertEquals("e1000 ICR", name("e1000", "mmio", 0xfebc0000L, 0xc0, "read"));
        assertEquals("e1000 IMS", name("e1000-bar0", "mmio", 0xfebc0000L, 0xd0, "write"));
        assertEquals("e1000 IMC", name("e1000", "mmio", 0, 0xd8, "write"));
        assertEquals("e1000 TDT", name("e1000", "mmio", 0, 0x3818, "write"));
        assertEquals("e1000 RDT", name("e1000", "mmio", 0, 0x2818, "write"));
        assertEquals("e1000 STATUS", name("e1000", "mmio", 0, 0x8, "read"));
        assertEquals("e1000 MTA[3]", name("e1000", "mmio", 0, 0x520c, "write"));
        assertEquals("e1000 RAH[0]", name("e1000", "mmio", 0, 0x5404, "write"));
        assertEquals("e1000 statistics 0x4074", name("e1000", "mmio", 0, 0x4074, "read"));
        assertEquals("e1000 IODATA", name("e1000-io", "pio", 0xc080, 4, "write"));
        assertEquals("e1000 0x9999", name("e1000", "mmio", 0, 0x9999, "read"));
    }

    @Test
    void virtioModernBarAndNamedRegions() {
        assertEquals("virtio notify", name("virtio-blk", "mmio", 0xfebf0000L, 0x3000, "write"));
        assertEquals("virtio notify", name("virtio-net", "mmio", 0xfebf0000L, 0x3008, "write"));
        assertEquals("virtio ISR status", name("virtio-blk", "mmio", 0, 0x1000, "read"));
        assertEquals("virtio common queue_select", name("virtio-net", "mmio", 0, 22, "write"));
        assertEquals("virtio common device_status", name("virtio-net", "mmio", 0, 20, "write"));
        assertEquals("virtio common queue_desc+2", name("virtio-net", "mmio", 0, 34, "write"));
        assertEquals("virtio device config 0x8", name("virtio-blk", "mmio", 0, 0x2008, "read"));
        assertEquals("virtio notify", name("virtio-blk-notify", "mmio", 0, 0, "write"));
        assertEquals("virtio ISR status", name("virtio-net isr", "mmio", 0, 0, "read"));
        assertEquals("virtio common queue_enable", name("virtio-net-common", "mmio", 0, 28, "write"));
        assertEquals("virtio MSI-X table entry 2", name("virtio-net-msix", "mmio", 0, 0x2c, "write"));
        assertEquals("virtio MSI-X table entry 1", name("virtio-blk3-bar1", "mmio", 0xfebf1000L, 0x1c, "write"));
        assertEquals("virtio notify", name("virtio-blk3-bar4", "mmio", 0xfe000000L, 0x3000, "write"));
        assertEquals("bus-master status", name("piix3-ide-bar4", "pio", 0xc000, 2, "read"));
        assertEquals("e1000 ICR", name("e1000-bar0", "mmio", 0xfebc0000L, 0xc0, "read"));
        RegisterNames.setVirtioLayout(new RegisterNames.VirtioLayout(0, 0x800, 0xc00, 0x1000, 4));
        assertEquals("virtio ISR status", name("virtio-blk", "mmio", 0, 0x800, "read"));
    }

    @Test
    void virtioLegacyIoBar() {
        assertEquals("virtio notify", name("virtio-blk", "pio", 0xc100, 16, "write"));
        assertEquals("virtio ISR", name("virtio-blk", "pio", 0xc100, 19, "read"));
        assertEquals("virtio queue PFN", name("virtio-net", "pio", 0xc100, 8, "write"));
    }

    @Test
    void platformAndInKernelDevices() {
        assertEquals("LAPIC EOI", name("lapic", "mmio", 0xfee00000L, 0xb0, "write"));
        assertEquals("LAPIC timer initial count", name("local-apic", "mmio", 0xfee00000L, 0x380, "write"));
        assertEquals("IOAPIC data", name("ioapic", "mmio", 0xfec00000L, 0x10, "write"));
        assertEquals("PIC master ICW1/OCW2/OCW3", name("pic-master", "pio", 0x20, 0, "write"));
        assertEquals("PIC slave IMR", name("pic-slave", "pio", 0xa0, 1, "read"));
        assertEquals("PIT mode/command", name("pit", "pio", 0x40, 3, "write"));
        assertEquals("COM1 THR", name("serial-com1", "pio", 0x3f8, 0, "write"));
        assertEquals("COM1 LSR", name("serial-com1", "pio", 0x3f8, 5, "read"));
        assertEquals("PCI CONFIG_DATA", name("pci-conf1", "pio", 0xcf8, 4, "read"));
        assertEquals("debug-exit 0x0", name("debug-exit", "pio", 0xf4, 0, "write"));
    }
}
