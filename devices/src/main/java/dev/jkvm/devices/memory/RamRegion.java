package dev.jkvm.devices.memory;

import java.lang.foreign.MemorySegment;

/** A run of guest RAM: guest physical base, and the host memory that backs it. */
public record RamRegion(long guestBase, MemorySegment host) {
    public long size() {
        return host.byteSize();
    }

    public long guestEnd() {
        return guestBase + host.byteSize();
    }

    public boolean contains(long address, long length) {
        return length >= 0 && address >= guestBase && length <= size() && address - guestBase <= size() - length;
    }
}
