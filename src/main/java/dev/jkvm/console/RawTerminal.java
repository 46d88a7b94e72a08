package dev.jkvm.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;

/** Puts the controlling terminal in raw mode for an interactive guest console, and restores it. */
public final class RawTerminal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RawTerminal.class);
    private static final File TTY = new File("/dev/tty");

    private final String saved;

    private RawTerminal(String saved) {
        this.saved = saved;
    }

    /** Raw mode when stdin is a terminal; otherwise null and the console stays line-buffered. */
    public static RawTerminal enterIfInteractive() {
        if (System.console() == null || !System.console().isTerminal()) return null;
        try {
            String saved = stty("-g").trim();
            stty("raw", "-echo");
            RawTerminal terminal = new RawTerminal(saved);
            Runtime.getRuntime().addShutdownHook(new Thread(terminal::close));
            return terminal;
        } catch (IOException | InterruptedException e) {
            log.debug("cannot switch the terminal to raw mode", e);
            return null;
        }
    }

    private static String stty(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectInput(TTY).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException("stty " + String.join(" ", args) + ": " + out.trim());
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            stty(saved);
        } catch (IOException | InterruptedException e) {
            log.debug("cannot restore the terminal", e);
        }
    }
}
