package dev.jkvm.devices.pci;

/** Where the machine wires each slot's INTx pins: the GSI a pin's interrupt arrives on. */
@FunctionalInterface
public interface IntxRouting {
    /** @param pin 1 = INTA# .. 4 = INTD# */
    int gsi(int slot, int pin);

    /** The usual slot rotation onto four PIRQ links: link (0 = PIRQA) = (slot + pin - 1) mod 4. */
    static int swizzle(int slot, int pin) {
        return (slot + pin - 1) & 3;
    }

    /** Swizzled routing onto four PIRQ links wired to the given GSIs. */
    static IntxRouting pirqLinks(int gsiA, int gsiB, int gsiC, int gsiD) {
        int[] gsis = {gsiA, gsiB, gsiC, gsiD};
        return (slot, pin) -> gsis[swizzle(slot, pin)];
    }
}
