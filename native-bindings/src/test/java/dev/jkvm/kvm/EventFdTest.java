package dev.jkvm.kvm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventFdTest {
    @Test
    void countsSignalsUntilConsumed() {
        try (EventFd event = EventFd.create()) {
            assertTrue(event.fd() >= 0);
            assertEquals(0, event.consume());
            event.signal();
            event.signal();
            assertEquals(2, event.consume());
            assertEquals(0, event.consume());
        }
    }

    @Test
    void refusesUseAfterClose() {
        EventFd event = EventFd.create();
        event.close();
        event.close();
        assertThrows(IllegalStateException.class, event::signal);
    }
}
