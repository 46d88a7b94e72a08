package dev.jkvm.console;

import dev.jkvm.guest.GuestConsole;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntConsumer;

/**
 * Watches the guest console for the default guest's "JKVM-EXIT &lt;status&gt;" line (printed by its
 * /init after a --run command) and for "JKVM-READY".
 */
public final class ExitLineWatcher {
    private static final String PANIC = "Kernel panic - not syncing";
    private static final int MAX_LINE = 256;

    private final IntConsumer onExit;
    private final Runnable onReady;
    private final byte[] line = new byte[MAX_LINE];
    private int length;
    private volatile OptionalInt status = OptionalInt.empty();
    private volatile Optional<String> panic = Optional.empty();

    public ExitLineWatcher(IntConsumer onExit, Runnable onReady) {
        this.onExit = onExit;
        this.onReady = onReady;
    }

    public synchronized void accept(byte b) {
        if (b == '\n' || b == '\r') {
            if (length > 0) lineEnded(new String(line, 0, length, StandardCharsets.US_ASCII).strip());
            length = 0;
        } else if (length < MAX_LINE) {
            line[length++] = b;
        }
    }

    private void lineEnded(String text) {
        if (text.contains(PANIC) && panic.isEmpty()) {
            panic = Optional.of(text.substring(text.indexOf(PANIC)));
        } else if (text.equals(GuestConsole.READY)) {
            onReady.run();
        } else {
            OptionalInt exit = GuestConsole.exitStatus(text);
            if (exit.isPresent() && status.isEmpty()) {
                status = exit;
                onExit.accept(exit.getAsInt());
            }
        }
    }

    /** The kernel's panic line, once seen: the reset that follows is not a clean one. */
    public Optional<String> panic() {
        return panic;
    }

    /** The status from the exit line, once seen. */
    public OptionalInt status() {
        return status;
    }
}
