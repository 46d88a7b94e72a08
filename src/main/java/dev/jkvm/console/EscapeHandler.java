package dev.jkvm.console;

/**
 * QEMU-style console escapes on the host's keyboard: Ctrl-A X quits, Ctrl-A S prints statistics,
 * Ctrl-A Ctrl-A sends one Ctrl-A to the guest. Everything else passes through.
 */
public final class EscapeHandler {
    public static final byte CTRL_A = 0x01;

    public interface Actions {
        void quit();

        void printStats();

        void toGuest(byte b);
    }

    private final Actions actions;
    private boolean escaped;

    public EscapeHandler(Actions actions) {
        this.actions = actions;
    }

    public void accept(byte b) {
        if (!escaped) {
            if (b == CTRL_A) escaped = true;
            else actions.toGuest(b);
            return;
        }
        escaped = false;
        switch (b) {
            case 'x', 'X' -> actions.quit();
            case 's', 'S' -> actions.printStats();
            case CTRL_A -> actions.toGuest(CTRL_A);
            default -> {
                actions.toGuest(CTRL_A);
                actions.toGuest(b);
            }
        }
    }
}
