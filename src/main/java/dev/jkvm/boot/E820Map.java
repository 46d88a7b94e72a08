package dev.jkvm.boot;

import java.util.ArrayList;
import java.util.List;

/** The BIOS e820 memory map handed to Linux through boot_params or the PVH start info. */
public final class E820Map {
    public enum Type {
        RAM(1), RESERVED(2), ACPI(3), NVS(4), UNUSABLE(5);

        public final int code;

        Type(int code) {
            this.code = code;
        }
    }

    public record Entry(long address, long size, Type type) {}

    private final List<Entry> entries = new ArrayList<>();

    public void add(long address, long size, Type type) {
        if (size <= 0) return;
        entries.add(new Entry(address, size, type));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The largest RAM address below the limit at which a block of the given size ends, aligned down. */
    public long highestRamFit(long size, long limit, long alignment) {
        long best = -1;
        for (Entry e : entries) {
            if (e.type != Type.RAM) continue;
            long end = Math.min(e.address + e.size, limit);
            long start = (end - size) & -alignment;
            if (start >= e.address && start > best) best = start;
        }
        return best;
    }
}
