package dev.jkvm.boot;

import dev.jkvm.devices.memory.GuestMemory;

/** 4-level page tables that identity-map the first 4 GiB with 2 MiB pages, for the 64-bit entry. */
public final class IdentityPageTables {
    private static final long PRESENT_WRITABLE = 0x3;
    private static final long LARGE_PAGE = 0x80;
    public static final int MAPPED_GIB = 4;

    private IdentityPageTables() {}

    public static void write(GuestMemory memory) {
        memory.writeLong(PcLayout.PML4, PcLayout.PDPT | PRESENT_WRITABLE);
        for (int gib = 0; gib < MAPPED_GIB; gib++) {
            long directory = PcLayout.PAGE_DIRECTORIES + gib * 0x1000L;
            memory.writeLong(PcLayout.PDPT + gib * 8L, directory | PRESENT_WRITABLE);
            for (int i = 0; i < 512; i++) {
                long physical = ((long) gib << 30) | ((long) i << 21);
                memory.writeLong(directory + i * 8L, physical | PRESENT_WRITABLE | LARGE_PAGE);
            }
        }
    }
}
