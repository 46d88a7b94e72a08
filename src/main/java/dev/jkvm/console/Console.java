package dev.jkvm.console;

import dev.jkvm.VmmException;
import dev.jkvm.config.ConsoleSpec;
import dev.jkvm.devices.serial.SerialOutput;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.function.ToIntFunction;

/**
 * The guest's serial console on the host: output to stdout, a file or nowhere (always watched for
 * the init's JKVM lines), and keyboard input with Ctrl-A escapes. Input the UART cannot take yet is
 * held here until it makes room, so no keystroke is lost.
 */
public final class Console implements SerialOutput, AutoCloseable {
    private static final long FLUSH_INTERVAL_MS = 20;

    private final ExitLineWatcher watcher;
    private final OutputStream out;
    private final boolean ownsOut;
    private final RawTerminal terminal;
    private final ArrayDeque<Byte> pendingInput = new ArrayDeque<>();
    private volatile boolean dirty;
    private volatile boolean closed;
    private ToIntFunction<byte[]> guestInput = b -> b.length;

    public Console(ConsoleSpec spec, ExitLineWatcher watcher, boolean interactive) {
        this.watcher = watcher;
        try {
            switch (spec.kind()) {
                case STDIO -> {
                    out = new BufferedOutputStream(System.out, 1 << 14);
                    ownsOut = false;
                }
                case FILE -> {
                    out = new BufferedOutputStream(Files.newOutputStream(spec.file().orElseThrow()), 1 << 14);
                    ownsOut = true;
                }
                default -> {
                    out = OutputStream.nullOutputStream();
                    ownsOut = false;
                }
            }
        } catch (IOException e) {
            throw new VmmException("--console " + spec.file().orElseThrow() + ": " + e.getMessage());
        }
        this.terminal = interactive && spec.kind() == ConsoleSpec.Kind.STDIO ? RawTerminal.enterIfInteractive() : null;
        Thread.ofPlatform().daemon().name("jkvm-console-flush").start(this::flushLoop);
    }

    /**
     * Connects keyboard input to the guest: receiver takes bytes and returns how many it accepted.
     * Ctrl-A X runs quit, Ctrl-A S runs printStats.
     */
    public void attachInput(InputStream in, ToIntFunction<byte[]> receiver, Runnable quit, Runnable printStats) {
        this.guestInput = receiver;
        EscapeHandler handler = new EscapeHandler(new EscapeHandler.Actions() {
            @Override
            public void quit() {
                quit.run();
            }

            @Override
            public void printStats() {
                printStats.run();
            }

            @Override
            public void toGuest(byte b) {
                queueInput(b);
            }
        });
        Thread.ofPlatform().daemon().name("jkvm-console-input").start(() -> {
            try {
                int b;
                while (!closed && (b = in.read()) >= 0) handler.accept((byte) b);
            } catch (IOException e) {
                // stdin closed: the guest simply gets no more input
            }
        });
    }

    private synchronized void queueInput(byte b) {
        pendingInput.add(b);
        drainInput();
    }

    /** Called when the UART has room again. */
    public synchronized void drainInput() {
        while (!pendingInput.isEmpty()) {
            byte[] chunk = new byte[pendingInput.size()];
            int i = 0;
            for (Byte b : pendingInput) chunk[i++] = b;
            int taken = guestInput.applyAsInt(chunk);
            for (int k = 0; k < taken; k++) pendingInput.poll();
            if (taken < chunk.length) return;
        }
    }

    @Override
    public void write(byte b) {
        watcher.accept(b);
        try {
            synchronized (out) {
                out.write(b);
            }
            dirty = true;
        } catch (IOException e) {
            // the terminal or file went away; the guest keeps running
        }
    }

    private void flushLoop() {
        while (!closed) {
            try {
                Thread.sleep(FLUSH_INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            if (dirty) flush();
        }
    }

    public void flush() {
        dirty = false;
        try {
            synchronized (out) {
                out.flush();
            }
        } catch (IOException e) {
            // as in write
        }
    }

    /** Prints a host message on the console without mixing it into a half-written guest line. */
    public void message(String text) {
        flush();
        System.err.print((terminal != null ? "\r\n" : "\n") + text.replace("\n", terminal != null ? "\r\n" : "\n")
                + (terminal != null ? "\r\n" : "\n"));
        System.err.flush();
    }

    @Override
    public void close() {
        closed = true;
        flush();
        if (terminal != null) terminal.close();
        if (ownsOut) {
            try {
                out.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }
}
