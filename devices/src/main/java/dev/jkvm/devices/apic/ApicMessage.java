package dev.jkvm.devices.apic;

/**
 * An interrupt message on the APIC bus, whoever sent it: a LAPIC's ICR, an IOAPIC redirection entry
 * or a device's MSI write.
 *
 * @param destination     the 8-bit physical APIC ID or logical destination; 0xff is broadcast
 * @param logical         whether destination is a logical (LDR-matched) address
 * @param vector          the interrupt vector, or for STARTUP the page of the start address
 * @param levelTriggered  whether the source keeps the request until the EOI comes back
 * @param asserted        the level bit: false only for the INIT level de-assert message
 */
public record ApicMessage(int destination, boolean logical, DeliveryMode deliveryMode, int vector,
                          boolean levelTriggered, boolean asserted) {
    public static final int BROADCAST = 0xff;

    private static final long MSI_ADDRESS_MASK = 0xfff0_0000L, MSI_ADDRESS = 0xfee0_0000L;
    private static final int MSI_LOGICAL = 1 << 2;
    private static final int LEVEL_ASSERT = 1 << 14, LEVEL_TRIGGERED = 1 << 15;

    /** INIT level de-assert: on the xAPIC bus it only resynchronises arbitration IDs, so it does nothing. */
    boolean isInitDeassert() {
        return deliveryMode == DeliveryMode.INIT && levelTriggered && !asserted;
    }

    /**
     * Decodes an MSI write: the address selects the LAPIC (bits 19:12 destination, bit 2 logical),
     * the data carries the vector (7:0), delivery mode (10:8), level (14) and trigger mode (15).
     * Returns null for an address outside the 0xFEExxxxx interrupt window, which no LAPIC decodes.
     */
    static ApicMessage fromMsi(long address, int data) {
        if ((address & MSI_ADDRESS_MASK) != MSI_ADDRESS) return null;
        boolean levelTriggered = (data & LEVEL_TRIGGERED) != 0;
        return new ApicMessage((int) (address >>> 12) & 0xff, (address & MSI_LOGICAL) != 0,
                DeliveryMode.fromField(data >>> 8), data & 0xff, levelTriggered,
                !levelTriggered || (data & LEVEL_ASSERT) != 0);
    }

    /**
     * The message an ICR or a redirection entry describes. Both lay out vector (7:0), delivery mode
     * (10:8), destination mode (11) and trigger mode (15) alike; bit 14 is the ICR's level but the
     * entry's remote IRR, so the caller says whether the message asserts.
     */
    static ApicMessage fromEntry(int low, int destination, boolean asserted) {
        return new ApicMessage(destination, (low & (1 << 11)) != 0, DeliveryMode.fromField(low >>> 8),
                low & 0xff, (low & LEVEL_TRIGGERED) != 0, asserted);
    }
}
