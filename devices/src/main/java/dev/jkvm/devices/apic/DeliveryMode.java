package dev.jkvm.devices.apic;

/**
 * The delivery mode of an interrupt message: the 3-bit field of the ICR, a redirection table entry,
 * an LVT entry and MSI data. Declared in encoding order, so {@link #ordinal()} is the field value.
 */
public enum DeliveryMode {
    FIXED,
    /** Delivered like FIXED to the lowest-numbered addressed LAPIC that accepts it. */
    LOWEST_PRIORITY,
    /** Not modelled: no LAPIC accepts it. */
    SMI,
    RESERVED,
    NMI,
    INIT,
    STARTUP,
    /** The 8259's vector is fetched by the CPU; only meaningful in LVT LINT0. */
    EXT_INT;

    private static final DeliveryMode[] BY_FIELD = values();

    public static DeliveryMode fromField(int bits) {
        return BY_FIELD[bits & 7];
    }
}
