package dev.jkvm.console;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleEscapesTest {
    @Test
    void ctrlAEscapes() {
        List<String> events = new ArrayList<>();
        EscapeHandler h = new EscapeHandler(new EscapeHandler.Actions() {
            public void quit() { events.add("quit"); }
            public void printStats() { events.add("stats"); }
            public void toGuest(byte b) { events.add("g" + b); }
        });
        for (byte b : new byte[]{'a', 1, 's', 1, 1, 1, 'q', 1, 'X'}) h.accept(b);
        assertEquals(List.of("g97", "stats", "g1", "g1", "g113", "quit"), events);
    }

    @Test
    void exitLineIsFoundAtTheStartOrAfterUnterminatedOutput() {
        List<Integer> exits = new ArrayList<>();
        int[] ready = {0};
        ExitLineWatcher w = new ExitLineWatcher(exits::add, () -> ready[0]++);
        feed(w, "[    1.0] booting\r\nJKVM-READY\r\nLinux jkvm 6.1\r\npartialJKVM-EXIT 3\r\n");
        assertEquals(1, ready[0]);
        assertEquals(List.of(3), exits);
        assertEquals(3, w.status().orElseThrow());
        assertTrue(w.panic().isEmpty());
    }

    @Test
    void panicLineIsRemembered() {
        ExitLineWatcher w = new ExitLineWatcher(s -> { }, () -> { });
        feed(w, "[    2.1] Kernel panic - not syncing: VFS: Unable to mount root fs\n");
        assertTrue(w.panic().orElseThrow().startsWith("Kernel panic - not syncing: VFS"));
        assertTrue(w.status().isEmpty());
    }

    private static void feed(ExitLineWatcher w, String text) {
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) w.accept(b);
    }
}
