package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.kvm_coalesced_mmio;
import dev.jkvm.bindings.kvm.kvm_coalesced_mmio_ring;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/**
 * The VM's coalesced-MMIO ring, one page of the vCPU mapping: KVM appends guest writes to zones
 * registered with {@link VmFd#registerCoalescedMmio} at {@code last} without exiting; the VMM
 * replays them from {@code first} before it handles any other access to those devices.
 */
public final class CoalescedMmioRing {
    private static final VarHandle FIRST = kvm_coalesced_mmio_ring.layout().varHandle(groupElement("first"));
    private static final VarHandle LAST = kvm_coalesced_mmio_ring.layout().varHandle(groupElement("last"));

    private final MemorySegment page;
    private final int capacity;

    /** A buffered guest write of {@code length} bytes (little-endian {@code value}) to MMIO or, if {@code pio}, a port. */
    public record Write(long address, int length, long value, boolean pio) {}

    CoalescedMmioRing(MemorySegment page) {
        this.page = page;
        this.capacity = (int) ((page.byteSize() - kvm_coalesced_mmio_ring.sizeof()) / kvm_coalesced_mmio.sizeof());
    }

    /** Hands every buffered write to {@code sink}, oldest first, and frees the slots. Returns how many. */
    public int drain(Consumer<Write> sink) {
        int first = (int) FIRST.getVolatile(page, 0L);
        int last = (int) LAST.getAcquire(page, 0L);
        MemorySegment entries = page.asSlice(kvm_coalesced_mmio_ring.coalesced_mmio$offset());
        int drained = 0;
        while (first != last) {
            MemorySegment entry = kvm_coalesced_mmio.asSlice(entries, first);
            int length = Math.min(kvm_coalesced_mmio.len(entry), 8);
            long value = 0;
            for (int i = length - 1; i >= 0; i--) {
                value = value << 8 | Byte.toUnsignedLong(kvm_coalesced_mmio.data(entry, i));
            }
            sink.accept(new Write(kvm_coalesced_mmio.phys_addr(entry), length, value, kvm_coalesced_mmio.pio(entry) != 0));
            first = (first + 1) % capacity;
            // Publish each freed slot at once so KVM can reuse it while the rest are replayed.
            FIRST.setRelease(page, 0L, first);
            drained++;
        }
        return drained;
    }

    int capacity() {
        return capacity;
    }
}
