package dev.jkvm.boot;

import dev.jkvm.devices.memory.GuestMemory;

import java.util.ArrayList;
import java.util.List;

/**
 * The PC physical memory map jkvm builds: RAM from 0 (the legacy hole at 640 KiB-1 MiB is RAM
 * the e820 map reserves), the PCI/MMIO hole from 3 GiB to 4 GiB, and RAM above 4 GiB for the rest.
 * Boot structures sit at fixed low addresses, as in other VMMs.
 */
public final class PcLayout {
    public static final long GDT = 0x500;
    public static final long PVH_START_INFO = 0x6000;
    public static final long ZERO_PAGE = 0x7000;
    public static final long PML4 = 0x9000;
    public static final long PDPT = 0xa000;
    /** Four page directories of 2 MiB pages identity-map the first 4 GiB. */
    public static final long PAGE_DIRECTORIES = 0xb000;
    public static final long CMDLINE = 0x20000;
    public static final long CMDLINE_MAX = 0x10000;
    /** The MP table lives in the last KiB of base memory, where Linux looks for it. */
    public static final long MP_TABLE = 0x9fc00;
    public static final long BASE_MEMORY_END = 0xa0000;
    public static final long BIOS_AREA = 0xf0000;
    public static final long HIGH_MEMORY = 0x100000;
    public static final long MMIO_HOLE = 0xc000_0000L;
    public static final long FOUR_GIB = 0x1_0000_0000L;
    public static final long IOAPIC = 0xfec0_0000L;
    public static final long LAPIC = 0xfee0_0000L;
    /** PCI BARs are allocated from here up to the IOAPIC. */
    public static final long PCI_MMIO_BASE = MMIO_HOLE;

    private final long memoryBytes;

    public PcLayout(long memoryBytes) {
        if (memoryBytes < (16L << 20)) throw new IllegalArgumentException("at least 16 MiB of RAM is needed");
        this.memoryBytes = memoryBytes;
    }

    public long memoryBytes() {
        return memoryBytes;
    }

    public long lowRamEnd() {
        return Math.min(memoryBytes, MMIO_HOLE);
    }

    public long highRamSize() {
        return memoryBytes - lowRamEnd();
    }

    public List<GuestMemory.Range> ramRanges() {
        List<GuestMemory.Range> ranges = new ArrayList<>();
        ranges.add(new GuestMemory.Range(0, lowRamEnd()));
        if (highRamSize() > 0) ranges.add(new GuestMemory.Range(FOUR_GIB, highRamSize()));
        return ranges;
    }

    /** The e820 map the guest sees. */
    public E820Map e820() {
        E820Map map = new E820Map();
        map.add(0, MP_TABLE, E820Map.Type.RAM);
        map.add(MP_TABLE, BASE_MEMORY_END - MP_TABLE, E820Map.Type.RESERVED);
        map.add(BIOS_AREA, HIGH_MEMORY - BIOS_AREA, E820Map.Type.RESERVED);
        map.add(HIGH_MEMORY, lowRamEnd() - HIGH_MEMORY, E820Map.Type.RAM);
        if (highRamSize() > 0) map.add(FOUR_GIB, highRamSize(), E820Map.Type.RAM);
        return map;
    }
}
