package dev.jkvm.devices.virtio;

import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.memory.RamRegion;

import java.lang.foreign.Arena;
import java.util.List;

/** Guest RAM for tests: one zeroed region at guest physical 0; everything above is not RAM. */
public final class TestMemory {
    public static final long SIZE = 4 << 20;

    private TestMemory() {}

    public static GuestMemory create() {
        return GuestMemory.wrap(List.of(new RamRegion(0, Arena.ofAuto().allocate(SIZE, 4096))));
    }
}
