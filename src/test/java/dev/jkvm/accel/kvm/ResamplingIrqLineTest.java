package dev.jkvm.accel.kvm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResamplingIrqLineTest {
    private int signals;
    private final ResamplingIrqLine line = new ResamplingIrqLine(() -> signals++);

    @Test
    void assertingSignalsOnce() {
        line.set(true);
        line.set(true);
        assertEquals(1, signals);
    }

    @Test
    void anAcknowledgedLineStillHeldFiresAgain() {
        line.set(true);
        line.resampled();
        assertEquals(2, signals);
    }

    @Test
    void aLineDroppedBeforeTheAcknowledgementStaysQuiet() {
        line.set(true);
        line.set(false);
        line.resampled();
        assertEquals(1, signals);
        line.set(true);
        assertEquals(2, signals);
    }
}
