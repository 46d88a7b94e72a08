package dev.jkvm.devices.e1000;

/**
 * MDIC, the MDI control register through which software reads and writes PHY registers. Every
 * operation completes at once (READY set); addressing a PHY other than the internal one sets ERROR.
 */
final class Mdic {
    static final int DATA_MASK = 0xffff, REGISTER_SHIFT = 16, PHY_SHIFT = 21, OP_SHIFT = 26;
    static final int OP_WRITE = 1, OP_READ = 2;
    static final int READY = 1 << 28, INTERRUPT = 1 << 29, ERROR = 1 << 30;

    private final Phy phy;
    private int value;

    Mdic(Phy phy) {
        this.phy = phy;
    }

    int read() {
        return value;
    }

    /** Performs the operation; returns true when it asked for an MDI-access-done interrupt. */
    boolean write(int command) {
        int register = (command >>> REGISTER_SHIFT) & 0x1f;
        int phyAddress = (command >>> PHY_SHIFT) & 0x1f;
        int op = (command >>> OP_SHIFT) & 0x3;
        int data = command & DATA_MASK;
        boolean error = phyAddress != Phy.ADDRESS || (op != OP_READ && op != OP_WRITE);
        if (!error && op == OP_WRITE) phy.write(register, data);
        if (!error && op == OP_READ) data = phy.read(register);
        value = (command & ~(DATA_MASK | READY | ERROR)) | data | READY | (error ? ERROR : 0);
        return (command & INTERRUPT) != 0;
    }

    void reset() {
        value = READY;
    }
}
