package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.kvm_coalesced_mmio;
import dev.jkvm.bindings.kvm.kvm_coalesced_mmio_ring;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CoalescedMmioRingTest {
    private final MemorySegment page = Arena.ofAuto().allocate(4096, 4096);
    private final CoalescedMmioRing ring = new CoalescedMmioRing(page);

    @Test
    void holdsAsManyEntriesAsThePageFits() {
        assertEquals((4096 - 8) / 24, ring.capacity());
    }

    @Test
    void replaysWritesInOrderAcrossTheWrapAndFreesThem() {
        int last = ring.capacity() - 1;
        put(last, 0xd000_0000L, 4, 0x11223344, false);
        put(0, 0x3f8, 1, 0x41, true);
        kvm_coalesced_mmio_ring.first(page, last);
        kvm_coalesced_mmio_ring.last(page, 1);

        List<CoalescedMmioRing.Write> writes = new ArrayList<>();
        assertEquals(2, ring.drain(writes::add));
        assertEquals(List.of(new CoalescedMmioRing.Write(0xd000_0000L, 4, 0x11223344L, false),
                new CoalescedMmioRing.Write(0x3f8, 1, 0x41, true)), writes);
        assertEquals(1, kvm_coalesced_mmio_ring.first(page));
        assertEquals(0, ring.drain(writes::add));
    }

    private void put(int slot, long address, int length, long value, boolean pio) {
        MemorySegment entry = kvm_coalesced_mmio.asSlice(page.asSlice(kvm_coalesced_mmio_ring.coalesced_mmio$offset()), slot);
        kvm_coalesced_mmio.phys_addr(entry, address);
        kvm_coalesced_mmio.len(entry, length);
        kvm_coalesced_mmio.pio(entry, pio ? 1 : 0);
        for (int i = 0; i < 8; i++) kvm_coalesced_mmio.data(entry, i, (byte) (value >>> (8 * i)));
    }
}
