package dev.jkvm.guest;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GuestConsoleTest {
    @Test
    void exitLineGivesTheStatus() {
        assertEquals(OptionalInt.of(0), GuestConsole.exitStatus("JKVM-EXIT 0"));
        assertEquals(OptionalInt.of(255), GuestConsole.exitStatus("JKVM-EXIT 255\r\n"));
        assertEquals(OptionalInt.of(7), GuestConsole.exitStatus("last output without newlineJKVM-EXIT 7"));
    }

    @Test
    void otherLinesGiveNothing() {
        assertEquals(OptionalInt.empty(), GuestConsole.exitStatus(GuestConsole.READY));
        assertEquals(OptionalInt.empty(), GuestConsole.exitStatus("JKVM-EXIT 256"));
        assertEquals(OptionalInt.empty(), GuestConsole.exitStatus("JKVM-EXIT 1 and more"));
        assertEquals(OptionalInt.empty(), GuestConsole.exitStatus("[    1.2] random kernel line"));
    }
}
