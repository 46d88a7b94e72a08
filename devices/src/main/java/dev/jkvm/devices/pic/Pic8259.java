package dev.jkvm.devices.pic;

/**
 * One 8259A in 8086 mode: the ICW1-ICW4 initialisation sequence, OCW1-OCW3, edge or level triggering
 * per input, auto-EOI, priority rotation, special mask and poll. Not thread-safe: {@link PicPair} locks.
 * The cascade wiring is fixed by the pair, so ICW3 is accepted and ignored; 8080 mode (ICW4 bit 0
 * clear) and special fully nested mode are treated as plain 8086 fully nested mode.
 */
final class Pic8259 {
    private static final int ICW1 = 0x10, ICW1_NEEDS_ICW4 = 0x01, ICW1_SINGLE = 0x02, ICW1_LEVEL = 0x08;
    private static final int OCW3 = 0x08, OCW3_READ_REGISTER = 0x02, OCW3_READ_ISR = 0x01, OCW3_POLL = 0x04,
            OCW3_SET_SPECIAL_MASK = 0x40, OCW3_SPECIAL_MASK = 0x20;
    private static final int ICW4_AUTO_EOI = 0x02;

    /** Inputs wired as levels whatever ELCR says: the master's cascade input follows the slave's INT. */
    private final int levelWired;
    private int irr;
    private int isr;
    private int imr;
    private int inputs;
    private int elcr;
    private boolean allLevelTriggered;
    private int vectorBase;
    private int lowestPriority = 7;
    private boolean readIsr;
    private boolean pollNextRead;
    private boolean specialMask;
    private boolean autoEoi;
    private boolean rotateOnAutoEoi;
    private boolean needsIcw4;
    private boolean single;
    /** The ICW the data port expects next (2, 3 or 4), or 0 once initialised. */
    private int nextIcw;

    Pic8259(int levelWired) {
        this.levelWired = levelWired;
    }

    void setInput(int pin, boolean level) {
        int bit = 1 << pin;
        boolean wasHigh = (inputs & bit) != 0;
        inputs = level ? inputs | bit : inputs & ~bit;
        if (isLevelTriggered(pin)) {
            irr = level ? irr | bit : irr & ~bit;
        } else if (level && !wasHigh) {
            irr |= bit;
        }
    }

    private boolean isLevelTriggered(int pin) {
        return allLevelTriggered || ((elcr | levelWired) & (1 << pin)) != 0;
    }

    int elcr() {
        return elcr;
    }

    void setElcr(int value) {
        elcr = value;
        for (int pin = 0; pin < 8; pin++) {
            if (isLevelTriggered(pin)) setInput(pin, (inputs & (1 << pin)) != 0);
        }
    }

    int vectorBase() {
        return vectorBase;
    }

    /** True while INT is asserted: an unmasked request outranks everything in service. */
    boolean output() {
        return highestRequest() >= 0;
    }

    /** The pin to serve next, or -1: priority order starts after the lowest-priority pin. */
    int highestRequest() {
        int requests = irr & ~imr;
        if (requests == 0) return -1;
        int blocking = specialMask ? isr & ~imr : isr;
        for (int rank = 0; rank < 8; rank++) {
            int pin = (lowestPriority + 1 + rank) & 7;
            if ((blocking & (1 << pin)) != 0) return -1;
            if ((requests & (1 << pin)) != 0) return pin;
        }
        return -1;
    }

    private int highestInService() {
        for (int rank = 0; rank < 8; rank++) {
            int pin = (lowestPriority + 1 + rank) & 7;
            if ((isr & (1 << pin)) != 0) return pin;
        }
        return -1;
    }

    /** The INTA cycle for a pin chosen by {@link #highestRequest}. */
    void acknowledge(int pin) {
        int bit = 1 << pin;
        if (!isLevelTriggered(pin)) irr &= ~bit;
        if (!autoEoi) {
            isr |= bit;
        } else if (rotateOnAutoEoi) {
            lowestPriority = pin;
        }
    }

    int read(int port) {
        if (port == 1) return imr;
        if (pollNextRead) {
            pollNextRead = false;
            int pin = highestRequest();
            if (pin < 0) return 0;
            acknowledge(pin);
            return 0x80 | pin;
        }
        return readIsr ? isr : irr;
    }

    void write(int port, int value) {
        if (port == 0) {
            if ((value & ICW1) != 0) initialise(value);
            else if ((value & OCW3) != 0) writeOcw3(value);
            else writeOcw2(value);
            return;
        }
        switch (nextIcw) {
            case 2 -> {
                vectorBase = value & 0xf8;
                nextIcw = !single ? 3 : needsIcw4 ? 4 : 0;
            }
            case 3 -> nextIcw = needsIcw4 ? 4 : 0;
            case 4 -> {
                autoEoi = (value & ICW4_AUTO_EOI) != 0;
                nextIcw = 0;
            }
            default -> imr = value;
        }
    }

    private void initialise(int icw1) {
        needsIcw4 = (icw1 & ICW1_NEEDS_ICW4) != 0;
        single = (icw1 & ICW1_SINGLE) != 0;
        allLevelTriggered = (icw1 & ICW1_LEVEL) != 0;
        nextIcw = 2;
        imr = 0;
        isr = 0;
        // The edge sense latches reset: an edge-triggered input must rise again to request.
        irr = 0;
        for (int pin = 0; pin < 8; pin++) {
            if (isLevelTriggered(pin)) irr |= inputs & (1 << pin);
        }
        lowestPriority = 7;
        readIsr = false;
        pollNextRead = false;
        specialMask = false;
        autoEoi = false;
        rotateOnAutoEoi = false;
    }

    private void writeOcw2(int value) {
        int level = value & 7;
        switch (value >>> 5) {
            case 0b001 -> endOfInterrupt(highestInService(), false);
            case 0b011 -> endOfInterrupt(level, false);
            case 0b101 -> endOfInterrupt(highestInService(), true);
            case 0b111 -> endOfInterrupt(level, true);
            case 0b100 -> rotateOnAutoEoi = true;
            case 0b000 -> rotateOnAutoEoi = false;
            case 0b110 -> lowestPriority = level;
            default -> { } // 0b010: no operation
        }
    }

    private void endOfInterrupt(int pin, boolean rotate) {
        if (pin < 0) return;
        isr &= ~(1 << pin);
        if (rotate) lowestPriority = pin;
    }

    private void writeOcw3(int value) {
        if ((value & OCW3_SET_SPECIAL_MASK) != 0) specialMask = (value & OCW3_SPECIAL_MASK) != 0;
        if ((value & OCW3_READ_REGISTER) != 0) readIsr = (value & OCW3_READ_ISR) != 0;
        if ((value & OCW3_POLL) != 0) pollNextRead = true;
    }
}
