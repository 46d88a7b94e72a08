package dev.jkvm.compare;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Meaningful names for the registers behind bus offsets: ATA taskfile and control ports, SFF-8038i
 * bus-master registers, e1000 (8254x) MMIO registers, virtio-pci (legacy I/O and modern capability regions),
 * and the in-kernel LAPIC, IOAPIC, PIC and PIT.
 *
 * <p>The device is recognised from the window's name (the name a device model gives
 * {@code Bus.register}: it should contain "ide", "ata" or "piix" for IDE, "e1000" for the Intel NIC,
 * "virtio" for virtio-pci) and, for the legacy IDE ports, from the absolute port. A virtio-pci window whose
 * name also names its capability region ("common", "isr", "notify", "device", "msix") is decoded relative to
 * that region; a whole modern BAR is decoded with {@link VirtioLayout#DEFAULT} (jkvm's ModernBar, also QEMU's
 * layout: common config at 0x0, ISR at 0x1000, device config at 0x2000, notify at 0x3000 + 4 * queue), and a
 * memory BAR 1 ("virtio-blk3-bar1") as the MSI-X table. Anything unknown is named by window and offset, so
 * nothing is ever dropped.
 */
public final class RegisterNames {
    private RegisterNames() {}

    /** A register: the block it belongs to ("ATA", "bus-master", "e1000", "virtio notify") and its name. */
    public record Name(String block, String register) {
        public String label() {
            return block.isEmpty() ? register : block + " " + register;
        }
    }

    /** Where a modern virtio-pci device puts its capability regions inside its BAR. */
    public record VirtioLayout(long common, long isr, long device, long notifyBase, long notifyMultiplier) {
        public static final VirtioLayout DEFAULT = new VirtioLayout(0x0, 0x1000, 0x2000, 0x3000, 4);
    }

    private static volatile VirtioLayout virtioLayout = VirtioLayout.DEFAULT;

    /** Changes the assumed modern virtio-pci BAR layout (for when jkvm's virtio-pci model lays it out otherwise). */
    public static void setVirtioLayout(VirtioLayout layout) {
        virtioLayout = layout;
    }

    private static final String[] ATA_READ = {"data", "error", "sector count", "LBA low", "LBA mid", "LBA high", "device", "status"};
    private static final String[] ATA_WRITE = {"data", "features", "sector count", "LBA low", "LBA mid", "LBA high", "device", "command"};

    private static final Map<Long, String> E1000 = new TreeMap<>();
    private static final Map<Long, String> LAPIC = new TreeMap<>();
    private static final TreeMap<Long, String> VIRTIO_COMMON = new TreeMap<>();
    private static final Map<Long, String> VIRTIO_LEGACY = new TreeMap<>();

    static {
        long[] e1000Offsets = {0x0, 0x8, 0x10, 0x14, 0x18, 0x20, 0x28, 0x2c, 0x30, 0x38, 0xc0, 0xc4, 0xc8, 0xd0, 0xd8,
                0x100, 0x170, 0x178, 0x180, 0x400, 0x410, 0x1000, 0x2160, 0x2168, 0x2800, 0x2804, 0x2808, 0x2810, 0x2818,
                0x2820, 0x2828, 0x282c, 0x2c00, 0x3800, 0x3804, 0x3808, 0x3810, 0x3818, 0x3820, 0x3828, 0x382c, 0x5000,
                0x5008, 0x5800, 0x5808, 0x5b00};
        String[] e1000Names = {"CTRL", "STATUS", "EECD", "EERD", "CTRL_EXT", "MDIC", "FCAL", "FCAH", "FCT", "VET", "ICR",
                "ITR", "ICS", "IMS", "IMC", "RCTL", "FCTTV", "TXCW", "RXCW", "TCTL", "TIPG", "PBA", "FCRTL", "FCRTH",
                "RDBAL", "RDBAH", "RDLEN", "RDH", "RDT", "RDTR", "RXDCTL", "RADV", "RSRPD", "TDBAL", "TDBAH", "TDLEN",
                "TDH", "TDT", "TIDV", "TXDCTL", "TADV", "RXCSUM", "RFCTL", "WUC", "WUFC", "MANC"};
        for (int i = 0; i < e1000Offsets.length; i++) E1000.put(e1000Offsets[i], e1000Names[i]);

        long[] lapicOffsets = {0x20, 0x30, 0x80, 0x90, 0xa0, 0xb0, 0xd0, 0xe0, 0xf0, 0x280, 0x300, 0x310, 0x320, 0x330,
                0x340, 0x350, 0x360, 0x370, 0x380, 0x390, 0x3e0};
        String[] lapicNames = {"ID", "version", "TPR", "APR", "PPR", "EOI", "LDR", "DFR", "SVR", "ESR", "ICR low",
                "ICR high", "LVT timer", "LVT thermal", "LVT perf", "LVT LINT0", "LVT LINT1", "LVT error",
                "timer initial count", "timer current count", "timer divide"};
        for (int i = 0; i < lapicOffsets.length; i++) LAPIC.put(lapicOffsets[i], lapicNames[i]);

        // struct virtio_pci_common_cfg (virtio 1.2, 4.1.4.3)
        long[] commonOffsets = {0, 4, 8, 12, 16, 18, 20, 21, 22, 24, 26, 28, 30, 32, 36, 40, 44, 48, 52, 56, 58};
        String[] commonNames = {"device_feature_select", "device_feature", "driver_feature_select", "driver_feature",
                "config_msix_vector", "num_queues", "device_status", "config_generation", "queue_select", "queue_size",
                "queue_msix_vector", "queue_enable", "queue_notify_off", "queue_desc", "queue_desc_hi", "queue_driver",
                "queue_driver_hi", "queue_device", "queue_device_hi", "queue_notify_data", "queue_reset"};
        for (int i = 0; i < commonOffsets.length; i++) VIRTIO_COMMON.put(commonOffsets[i], commonNames[i]);

        // legacy virtio-pci I/O BAR (virtio 1.2, 4.1.4.10)
        long[] legacyOffsets = {0, 4, 8, 12, 14, 16, 18, 19, 20, 22};
        String[] legacyNames = {"host features", "guest features", "queue PFN", "queue size", "queue select",
                "queue notify", "device status", "ISR", "config MSI-X vector", "queue MSI-X vector"};
        for (int i = 0; i < legacyOffsets.length; i++) VIRTIO_LEGACY.put(legacyOffsets[i], legacyNames[i]);
    }

    /** The name of the register at {@code offset} in the window {@code window} (bus "pio" or "mmio", base address). */
    public static Name name(String window, String bus, long base, long offset, String direction) {
        String w = window.toLowerCase(Locale.ROOT);
        boolean read = "read".equals(direction);
        boolean pio = "pio".equals(bus);
        long address = w.equals("unclaimed") ? offset : base + offset;
        if (pio) {
            Name ata = ataPort(address, read);
            if (ata != null && (isIde(w) || w.equals("unclaimed") || !w.contains("virtio"))) return ata;
        }
        if (isIde(w)) {
            // An IDE I/O window away from the legacy ports is PIIX's bus-master BAR (BAR 4).
            if (pio) return busMaster(offset);
            return new Name("IDE", hex(offset));
        }
        if (w.contains("e1000") || w.contains("8254")) return e1000(offset, pio);
        if (w.contains("virtio")) return virtio(w, pio, offset, read);
        if (w.contains("lapic") || w.contains("local-apic") || (!pio && base == 0xfee00000L)) {
            return new Name("LAPIC", LAPIC.getOrDefault(offset & ~0xfL, hex(offset)));
        }
        if (w.contains("ioapic") || (!pio && base == 0xfec00000L)) {
            return new Name("IOAPIC", offset == 0 ? "index" : offset == 0x10 ? "data" : offset == 0x40 ? "EOI" : hex(offset));
        }
        if (pio && (w.contains("pic") || address == 0x20 || address == 0x21 || address == 0xa0 || address == 0xa1)) {
            String chip = (address & 0x80) != 0 ? "PIC slave" : "PIC master";
            return new Name(chip, (address & 1) == 0 ? (read ? "IRR/ISR" : "ICW1/OCW2/OCW3") : (read ? "IMR" : "ICW2-4/IMR"));
        }
        if (pio && address >= 0x40 && address <= 0x43) return new Name("PIT", address == 0x43 ? "mode/command" : "channel " + (address - 0x40));
        if (pio && address >= 0x3f8 && address <= 0x3ff) {
            String[] uart = {read ? "RBR" : "THR", "IER", read ? "IIR" : "FCR", "LCR", "MCR", "LSR", "MSR", "SCR"};
            return new Name("COM1", uart[(int) (address - 0x3f8)]);
        }
        if (pio && (address == 0x70 || address == 0x71)) return new Name("RTC", address == 0x70 ? "index" : "data");
        if (pio && address >= 0xcf8 && address <= 0xcff) return new Name("PCI", address < 0xcfc ? "CONFIG_ADDRESS" : "CONFIG_DATA");
        return new Name(window, hex(offset));
    }

    private static final java.util.regex.Pattern IDE_NAME = java.util.regex.Pattern.compile("(^|[^a-z])(ide|ata|piix)");

    /** "ide-primary", "piix-ide-bm", "ata0": a word starting with ide, ata or piix (not "e1000-data"). */
    static boolean isIde(String w) {
        return IDE_NAME.matcher(w).find();
    }

    /** The legacy ATA ports: command blocks at 0x1f0 and 0x170, control at 0x3f6 and 0x376. */
    static Name ataPort(long port, boolean read) {
        for (long[] channel : new long[][]{{0x1f0, 0x3f6}, {0x170, 0x376}}) {
            String prefix = channel[0] == 0x1f0 ? "ATA" : "ATA secondary";
            if (port >= channel[0] && port < channel[0] + 8) {
                int reg = (int) (port - channel[0]);
                return new Name(prefix, read ? ATA_READ[reg] : ATA_WRITE[reg]);
            }
            if (port == channel[1]) return new Name(prefix, read ? "alt status" : "device control");
        }
        return null;
    }

    /** SFF-8038i bus-master registers: command at 0, status at 2, PRD table address at 4..7; +8 for the secondary channel. */
    static Name busMaster(long offset) {
        String block = offset >= 8 ? "bus-master secondary" : "bus-master";
        long reg = offset & 7;
        String name = reg == 0 ? "command" : reg == 2 ? "status" : reg >= 4 ? "PRD table address" : "reserved " + hex(reg);
        return new Name(block, name);
    }

    static Name e1000(long offset, boolean ioBar) {
        if (ioBar) return new Name("e1000", offset == 0 ? "IOADDR" : offset == 4 ? "IODATA" : hex(offset));
        String known = E1000.get(offset);
        if (known != null) return new Name("e1000", known);
        if (offset >= 0x4000 && offset < 0x4200) return new Name("e1000", "statistics " + hex(offset));
        if (offset >= 0x5200 && offset < 0x5400) return new Name("e1000", "MTA[" + (offset - 0x5200) / 4 + "]");
        if (offset >= 0x5400 && offset < 0x5480) return new Name("e1000", ((offset & 4) == 0 ? "RAL" : "RAH") + "[" + (offset - 0x5400) / 8 + "]");
        if (offset >= 0x5600 && offset < 0x5800) return new Name("e1000", "VFTA[" + (offset - 0x5600) / 4 + "]");
        return new Name("e1000", hex(offset));
    }

    static Name virtio(String w, boolean pio, long offset, boolean read) {
        // jkvm's virtio-pci puts the MSI-X table (then the PBA) in BAR 1 and the modern regions in BAR 4;
        // PlatformDevices names BAR windows "<device>-bar<N>".
        if (w.contains("msix") || w.contains("msi-x") || (!pio && w.endsWith("-bar1"))) {
            if (w.contains("pba")) return new Name("virtio", "MSI-X PBA");
            return new Name("virtio", "MSI-X table entry " + offset / 16);
        }
        if (w.contains("notify")) return new Name("virtio", "notify");
        if (w.contains("isr")) return new Name("virtio", "ISR status");
        if (w.contains("common")) return common(offset);
        if (w.contains("device-cfg") || w.contains("device cfg") || w.contains("devcfg") || w.contains("config")) {
            return new Name("virtio", "device config " + hex(offset));
        }
        if (pio) {
            String legacy = VIRTIO_LEGACY.get(offset);
            if (legacy != null) return new Name("virtio", legacy.equals("queue notify") ? "notify" : legacy);
            return new Name("virtio", "device config " + hex(offset - 20));
        }
        VirtioLayout l = virtioLayout;
        if (offset >= l.notifyBase()) {
            return new Name("virtio", "notify");
        }
        if (offset >= l.device()) return new Name("virtio", "device config " + hex(offset - l.device()));
        if (offset >= l.isr()) return new Name("virtio", "ISR status");
        return common(offset - l.common());
    }

    private static Name common(long offset) {
        String field = VIRTIO_COMMON.get(offset);
        if (field == null) {
            Long below = VIRTIO_COMMON.floorKey(offset);
            field = below == null ? hex(offset) : VIRTIO_COMMON.get(below) + "+" + (offset - below);
        }
        return new Name("virtio common", field);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
