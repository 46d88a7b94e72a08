package dev.jkvm.boot;

import dev.jkvm.devices.memory.GuestMemory;

import java.util.List;

/** Xen's hvm_start_info (version 1, with the memory map) for the 32-bit PVH entry. */
public final class PvhStartInfo {
    public static final int MAGIC = 0x336ec578;
    public static final int SIZE = 56;
    public static final long MODLIST = PcLayout.PVH_START_INFO + 0x40;
    public static final long MEMMAP = PcLayout.PVH_START_INFO + 0x80;
    private static final int MEMMAP_ENTRY = 24;

    private PvhStartInfo() {}

    public static void write(GuestMemory memory, E820Map e820, long cmdline, long initrd, long initrdSize) {
        long at = PcLayout.PVH_START_INFO;
        List<E820Map.Entry> entries = e820.entries();
        if (MEMMAP + (long) entries.size() * MEMMAP_ENTRY > PcLayout.ZERO_PAGE) {
            throw new IllegalArgumentException("too many memory map entries for the PVH start info");
        }
        memory.write(at, new byte[(int) (MEMMAP - at)]);
        memory.writeInt(at, MAGIC);
        memory.writeInt(at + 4, 1);
        memory.writeInt(at + 12, initrdSize > 0 ? 1 : 0);
        memory.writeLong(at + 16, initrdSize > 0 ? MODLIST : 0);
        memory.writeLong(at + 24, cmdline);
        memory.writeLong(at + 40, MEMMAP);
        memory.writeInt(at + 48, entries.size());
        if (initrdSize > 0) {
            memory.writeLong(MODLIST, initrd);
            memory.writeLong(MODLIST + 8, initrdSize);
        }
        for (int i = 0; i < entries.size(); i++) {
            long e = MEMMAP + (long) i * MEMMAP_ENTRY;
            memory.writeLong(e, entries.get(i).address());
            memory.writeLong(e + 8, entries.get(i).size());
            memory.writeInt(e + 16, entries.get(i).type().code);
            memory.writeInt(e + 20, 0);
        }
    }
}
