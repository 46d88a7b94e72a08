package dev.jkvm.devices.apic;

import dev.jkvm.devices.irq.MsiSink;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * The software path's interrupt message bus: carries messages from IOAPICs, MSIs and IPIs to the
 * LAPICs they address, and EOIs of level-triggered interrupts back to the IOAPICs. The machine
 * attaches every LAPIC and IOAPIC before the vCPUs run; devices use it as their {@link MsiSink}.
 */
public final class ApicBus implements MsiSink {
    /** Copy-on-write, sorted by APIC ID: the lowest-numbered LAPIC comes first. */
    private volatile LocalApic[] localApics = new LocalApic[0];
    private volatile IoApic[] ioApics = new IoApic[0];

    public synchronized void attach(LocalApic localApic) {
        Objects.requireNonNull(localApic, "localApic");
        for (LocalApic attached : localApics) {
            if (attached.id() == localApic.id()) {
                throw new IllegalArgumentException("APIC ID " + localApic.id() + " is already attached");
            }
        }
        LocalApic[] next = Arrays.copyOf(localApics, localApics.length + 1);
        next[next.length - 1] = localApic;
        Arrays.sort(next, Comparator.comparingInt(LocalApic::id));
        localApics = next;
    }

    public synchronized void attach(IoApic ioApic) {
        Objects.requireNonNull(ioApic, "ioApic");
        IoApic[] next = Arrays.copyOf(ioApics, ioApics.length + 1);
        next[next.length - 1] = ioApic;
        ioApics = next;
    }

    /**
     * Delivers a message to the LAPICs its destination addresses and returns how many accepted it.
     * Lowest-priority arbitration is simplified to the lowest-numbered LAPIC that accepts.
     */
    public int deliver(ApicMessage message) {
        int accepted = 0;
        for (LocalApic localApic : localApics) {
            if (!localApic.isAddressedBy(message.destination(), message.logical())) continue;
            if (localApic.accept(message)) {
                accepted++;
                if (message.deliveryMode() == DeliveryMode.LOWEST_PRIORITY) break;
            }
        }
        return accepted;
    }

    /** The ICR's all-including-self (excluded null) and all-excluding-self shorthands. */
    void deliverToAll(ApicMessage message, LocalApic excluded) {
        for (LocalApic localApic : localApics) {
            if (localApic != excluded) localApic.accept(message);
        }
    }

    /** A device's MSI write; writes outside the 0xFEExxxxx interrupt window are dropped. */
    @Override
    public void signal(long address, int data) {
        ApicMessage message = ApicMessage.fromMsi(address, data);
        if (message != null) deliver(message);
    }

    /** A LAPIC retired a level-triggered vector: IOAPIC entries waiting on it may deliver again. */
    void endOfInterrupt(int vector) {
        for (IoApic ioApic : ioApics) ioApic.endOfInterrupt(vector);
    }
}
