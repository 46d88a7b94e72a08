package dev.jkvm.devices.pci;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.irq.MsiSink;

import java.util.Objects;

/**
 * MSI-X (PCI Local Bus 3.0, 6.8.2) for a function: the capability in configuration space and a
 * 32-bit memory BAR of its own holding the vector table (16 bytes per vector) and, after it, the
 * pending bit array. Vectors start masked. A message for a masked vector, or while the function
 * mask is set, sets its pending bit instead and goes out when the mask clears.
 *
 * <p>The capability's message control register changes through configuration writes, which
 * {@link PciDevice} cannot report; the owning device calls {@link #configWritten} from its
 * {@link PciDevice#configWrite} override. Lock order: the device, then this.
 */
public final class MsixCapability implements BusDevice {
    public static final int CAPABILITY_ID = 0x11;
    public static final int MAX_VECTORS = 2048;

    private static final int CAPABILITY_LENGTH = 12;
    private static final int MESSAGE_CONTROL = 2, TABLE_OFFSET = 4, PBA_OFFSET = 8;
    private static final int CONTROL_ENABLE = 0x8000, CONTROL_FUNCTION_MASK = 0x4000;
    private static final int ENTRY_SIZE = 16, ENTRY_DWORDS = 4;
    private static final int ADDRESS_LOW = 0, ADDRESS_HIGH = 1, DATA = 2, VECTOR_CONTROL = 3;
    private static final int VECTOR_MASKED = 1;
    private static final int MIN_BAR_SIZE = 4096;

    private final PciDevice device;
    private final int capabilityOffset;
    private final MsiSink sink;
    private final int vectors;
    private final int pbaOffset;
    private final int[] table;
    private final long[] pending;
    private boolean enabled;
    private boolean functionMasked;

    private MsixCapability(PciDevice device, int capabilityOffset, int vectors, MsiSink sink) {
        this.device = device;
        this.capabilityOffset = capabilityOffset;
        this.sink = sink;
        this.vectors = vectors;
        this.pbaOffset = vectors * ENTRY_SIZE;
        this.table = new int[vectors * ENTRY_DWORDS];
        this.pending = new long[(vectors + 63) / 64];
        for (int v = 0; v < vectors; v++) table[v * ENTRY_DWORDS + VECTOR_CONTROL] = VECTOR_MASKED;
    }

    /** Adds the capability to the device and BAR {@code barIndex} (32-bit memory) for the table and PBA. */
    public static MsixCapability addTo(PciDevice device, int barIndex, int vectors, MsiSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (vectors < 1 || vectors > MAX_VECTORS) throw new IllegalArgumentException("MSI-X vectors: " + vectors);
        synchronized (device) {
            int offset = device.addCapability(CAPABILITY_ID, CAPABILITY_LENGTH);
            MsixCapability msix = new MsixCapability(device, offset, vectors, sink);
            int used = msix.pbaOffset + msix.pending.length * 8;
            device.addBar(barIndex, PciBar.Kind.MEMORY32, Math.max(MIN_BAR_SIZE, Integer.highestOneBit(used - 1) << 1), false, msix);
            device.config.set(offset + MESSAGE_CONTROL, 2, vectors - 1);
            device.config.setWritable(offset + MESSAGE_CONTROL, 2, CONTROL_ENABLE | CONTROL_FUNCTION_MASK);
            device.config.set(offset + TABLE_OFFSET, 4, barIndex);
            device.config.set(offset + PBA_OFFSET, 4, msix.pbaOffset | barIndex);
            return msix;
        }
    }

    public int vectors() {
        return vectors;
    }

    /** Picks up enable and function mask after a configuration write; call with the device locked. */
    public void configWritten(int offset, int size) {
        if (offset >= capabilityOffset + MESSAGE_CONTROL + 2 || capabilityOffset + MESSAGE_CONTROL >= offset + size) return;
        int control = (int) device.config.read(capabilityOffset + MESSAGE_CONTROL, 2);
        synchronized (this) {
            enabled = (control & CONTROL_ENABLE) != 0;
            functionMasked = (control & CONTROL_FUNCTION_MASK) != 0;
            deliverPending();
        }
    }

    public synchronized boolean enabled() {
        return enabled;
    }

    /** Sends the vector's message, or marks it pending while masked. Ignored while MSI-X is disabled. */
    public synchronized void signal(int vector) {
        if (!enabled || vector < 0 || vector >= vectors) return;
        if (functionMasked || isMasked(vector)) {
            pending[vector / 64] |= 1L << vector;
        } else {
            send(vector);
        }
    }

    public synchronized boolean isPending(int vector) {
        return (pending[vector / 64] & 1L << vector) != 0;
    }

    private boolean isMasked(int vector) {
        return (table[vector * ENTRY_DWORDS + VECTOR_CONTROL] & VECTOR_MASKED) != 0;
    }

    private void send(int vector) {
        int entry = vector * ENTRY_DWORDS;
        long address = (table[entry + ADDRESS_HIGH] & 0xffffffffL) << 32 | (table[entry + ADDRESS_LOW] & 0xffffffffL);
        sink.signal(vector, address, table[entry + DATA]);
    }

    private void deliverPending() {
        if (!enabled || functionMasked) return;
        for (int v = 0; v < vectors; v++) {
            if (isPending(v) && !isMasked(v)) {
                pending[v / 64] &= ~(1L << v);
                send(v);
            }
        }
    }

    /** Table and PBA reads: aligned dwords and qwords; anything else reads 0. */
    @Override
    public synchronized long read(long offset, int size) {
        if ((size != 4 && size != 8) || offset % size != 0) return 0;
        long value = 0;
        for (int i = 0; i < size / 4; i++) value |= (readDword(offset + 4L * i) & 0xffffffffL) << (32 * i);
        return value;
    }

    private int readDword(long offset) {
        if (offset < pbaOffset) return table[(int) (offset / 4)];
        long dword = (offset - pbaOffset) / 4;
        if (dword >= 2L * pending.length) return 0;
        return (int) (pending[(int) (dword / 2)] >>> (32 * (dword % 2)));
    }

    /** Table writes: aligned dwords and qwords. The PBA is read-only. */
    @Override
    public synchronized void write(long offset, int size, long value) {
        if ((size != 4 && size != 8) || offset % size != 0) return;
        for (int i = 0; i < size / 4; i++) writeDword(offset + 4L * i, (int) (value >>> (32 * i)));
        deliverPending();
    }

    private void writeDword(long offset, int value) {
        if (offset >= pbaOffset) return;
        int index = (int) (offset / 4);
        int old = table[index];
        table[index] = index % ENTRY_DWORDS == VECTOR_CONTROL ? value & VECTOR_MASKED : value;
        if (table[index] != old) {
            // Tell a sink that keeps a route per vector (KVM irqfd) that the entry changed.
            int vector = index / ENTRY_DWORDS;
            int entry = vector * ENTRY_DWORDS;
            long address = (table[entry + ADDRESS_HIGH] & 0xffffffffL) << 32 | (table[entry + ADDRESS_LOW] & 0xffffffffL);
            sink.vectorChanged(vector, address, table[entry + DATA], isMasked(vector));
        }
    }
}
