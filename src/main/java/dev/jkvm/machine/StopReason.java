package dev.jkvm.machine;

/** Why a VM stopped, and the exit status jkvm reports for it. */
public record StopReason(Kind kind, int status, String detail) {
    public enum Kind {
        /** The guest wrote to the debug-exit port. */
        GUEST_EXIT,
        /** The guest reset or powered off (reboot -f, triple fault, i8042 reset). */
        RESET,
        /** The user quit (Ctrl-A X) or jkvm was signalled. */
        HOST_QUIT,
        /** The VMM could not continue (a vCPU failed). */
        ERROR
    }

    public static StopReason guestExit(int status) {
        return new StopReason(Kind.GUEST_EXIT, status, "the guest wrote exit status " + status);
    }

    public static StopReason reset(String why) {
        return new StopReason(Kind.RESET, 0, why);
    }

    public static StopReason hostQuit(String why) {
        return new StopReason(Kind.HOST_QUIT, 0, why);
    }

    public static StopReason error(String message) {
        return new StopReason(Kind.ERROR, 125, message);
    }
}
