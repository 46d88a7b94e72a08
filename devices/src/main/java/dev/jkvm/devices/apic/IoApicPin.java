package dev.jkvm.devices.apic;

/**
 * One IOAPIC input: its redirection table entry and the line it watches. It decides when the input
 * must send its message; {@link IoApic} sends it. Not thread-safe: the IOAPIC guards it.
 */
final class IoApicPin {
    /** Vector, delivery mode, destination mode, polarity, trigger mode and mask; the rest is read-only. */
    private static final int LOW_WRITABLE = 0x1_afff;
    private static final int REMOTE_IRR = 1 << 14, LEVEL_TRIGGERED = 1 << 15, MASKED = 1 << 16;
    private static final int DESTINATION = 0xff00_0000;

    private int low = MASKED;
    private int high;
    private boolean asserted;
    /** A level-triggered message was accepted and its EOI has not come back yet. */
    private boolean remoteIrr;

    int readLow() {
        return low | (remoteIrr ? REMOTE_IRR : 0);
    }

    int readHigh() {
        return high;
    }

    /**
     * Returns whether the input must now deliver: a level-triggered input that is asserted and
     * becomes unmasked. Switching to edge-triggered clears remote IRR, which Linux relies on to
     * recover an entry on IOAPICs without an EOI register.
     */
    boolean writeLow(int value) {
        low = value & LOW_WRITABLE;
        if (!levelTriggered()) remoteIrr = false;
        return levelRequestPending();
    }

    void writeHigh(int value) {
        high = value & DESTINATION;
    }

    /**
     * The line changed; returns whether the input must deliver: on a rising edge when edge-triggered
     * (an edge while masked is lost), while asserted and not awaiting EOI when level-triggered.
     */
    boolean setAsserted(boolean level) {
        boolean risingEdge = level && !asserted;
        asserted = level;
        return levelTriggered() ? levelRequestPending() : risingEdge && !masked();
    }

    /** The EOI for a vector came back; returns whether the still-asserted input must deliver again. */
    boolean endOfInterrupt(int vector) {
        if (!remoteIrr || (low & 0xff) != vector) return false;
        remoteIrr = false;
        return levelRequestPending();
    }

    /** A LAPIC accepted this input's message. */
    void delivered() {
        if (levelTriggered()) remoteIrr = true;
    }

    ApicMessage message() {
        return ApicMessage.fromEntry(low, high >>> 24, true);
    }

    private boolean levelRequestPending() {
        return levelTriggered() && asserted && !masked() && !remoteIrr;
    }

    private boolean levelTriggered() {
        return (low & LEVEL_TRIGGERED) != 0;
    }

    private boolean masked() {
        return (low & MASKED) != 0;
    }
}
