package dev.jkvm.devices.pit;

import dev.jkvm.devices.irq.RecordingIrqLine;
import dev.jkvm.devices.time.VirtualClock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class I8254Test {
    private static final int CONTROL = 3;

    private final VirtualClock clock = new VirtualClock();
    private final RecordingIrqLine irq0 = new RecordingIrqLine();
    private final I8254 pit = new I8254(clock, irq0);
    private final SystemControlPortB portB = new SystemControlPortB(pit);

    private void out(int offset, int value) {
        pit.write(offset, 1, value);
    }

    private int in(int offset) {
        return (int) pit.read(offset, 1);
    }

    /** Programs a channel for LSB-then-MSB access in a mode and writes the count. */
    private void program(int channel, int mode, int count) {
        out(CONTROL, channel << 6 | 0x30 | mode << 1);
        out(channel, count & 0xff);
        out(channel, count >>> 8);
    }

    private int latchedCount(int channel) {
        out(CONTROL, channel << 6);
        return in(channel) | in(channel) << 8;
    }

    private void advanceToTick(long ticks) {
        clock.advanceTo(PitChannel.nanosFor(ticks));
    }

    /** Moves the clock to a tick counted from an earlier clock time, such as a gate edge. */
    private void advanceToTick(long startNanos, long ticks) {
        clock.advanceTo(startNanos + PitChannel.nanosFor(ticks));
    }

    @Test
    void tickConversionsAgree() {
        assertEquals(PitChannel.FREQUENCY_HZ, PitChannel.ticksIn(1_000_000_000L));
        for (long ticks : new long[] {1, 1193, 65536, 10 * PitChannel.FREQUENCY_HZ + 7}) {
            assertEquals(ticks, PitChannel.ticksIn(PitChannel.nanosFor(ticks)));
            assertEquals(ticks - 1, PitChannel.ticksIn(PitChannel.nanosFor(ticks) - 1));
        }
    }

    @Test
    void mode0CountsDownRaisesIrq0AtTerminalCountAndWraps() {
        program(0, 0, 4096);
        assertFalse(irq0.level());
        advanceToTick(1000);
        assertEquals(3096, latchedCount(0));
        advanceToTick(4095);
        assertFalse(irq0.level());
        advanceToTick(4096);
        assertTrue(irq0.level(), "OUT0 goes high at terminal count");
        assertEquals(1, irq0.risingEdges());
        advanceToTick(4096 + 10);
        assertEquals(0xffff - 9, latchedCount(0));
        assertTrue(irq0.level(), "and stays high");
        program(0, 0, 100);
        assertFalse(irq0.level(), "a new count drops OUT0");
    }

    @Test
    void mode0FirstByteOfTwoStopsCounting() {
        program(0, 0, 1000);
        advanceToTick(100);
        out(0, 0x10);
        advanceToTick(2000);
        assertFalse(irq0.level());
        assertEquals(900, latchedCount(0));
        out(0, 0x00);
        assertEquals(0x0010, latchedCount(0));
    }

    @Test
    void mode2PulsesIrq0OncePerPeriod() {
        program(0, 2, 1193);
        for (int period = 1; period <= 10; period++) {
            advanceToTick(period * 1193L - 1);
            assertEquals(period - 1, irq0.risingEdges());
            advanceToTick(period * 1193L);
        }
        assertEquals(10, irq0.risingEdges());
        assertFalse(irq0.level(), "pulses leave the line low");
        advanceToTick(10 * 1193L + 100);
        assertEquals(1093, latchedCount(0));
    }

    @Test
    void mode2OutputIsLowForTheLastTickOfEachPeriod() {
        program(2, 2, 10);
        pit.setGate(2, true);
        long start = PitChannel.ticksIn(clock.nanos());
        advanceToTick(start + 8);
        assertTrue(pit.output(2));
        advanceToTick(start + 9);
        assertFalse(pit.output(2));
        advanceToTick(start + 10);
        assertTrue(pit.output(2));
    }

    @Test
    void mode2NewCountTakesEffectAtTheEndOfThePeriod() {
        program(0, 2, 1000);
        advanceToTick(500);
        out(0, 200 & 0xff);
        out(0, 0);
        assertEquals(500, latchedCount(0), "the running period continues");
        advanceToTick(1000);
        assertEquals(1, irq0.risingEdges());
        advanceToTick(1050);
        assertEquals(150, latchedCount(0));
        advanceToTick(1200);
        assertEquals(2, irq0.risingEdges());
    }

    @Test
    void mode3IsASquareWaveCountingByTwos() {
        program(2, 3, 1000);
        pit.setGate(2, true);
        assertTrue(pit.output(2));
        advanceToTick(100);
        assertEquals(800, latchedCount(2));
        advanceToTick(499);
        assertTrue(pit.output(2));
        advanceToTick(500);
        assertFalse(pit.output(2));
        advanceToTick(999);
        assertFalse(pit.output(2));
        advanceToTick(1000);
        assertTrue(pit.output(2));
    }

    @Test
    void mode3PulsesIrq0AtEachRisingEdge() {
        program(0, 3, 2000);
        advanceToTick(1999);
        assertEquals(0, irq0.risingEdges());
        advanceToTick(6001);
        assertEquals(1, irq0.risingEdges(), "a late timer merges the missed edges into one pulse");
        advanceToTick(8000);
        assertEquals(2, irq0.risingEdges());
    }

    @Test
    void mode4StrobesIrq0AtTerminalCountOnce() {
        program(0, 4, 300);
        advanceToTick(300);
        assertEquals(1, irq0.risingEdges());
        assertFalse(irq0.level());
        advanceToTick(300 + 70000);
        assertEquals(1, irq0.risingEdges());
    }

    @Test
    void tinyPeriodsAreRateLimited() {
        program(0, 2, 2);
        for (int step = 1; step <= 100; step++) clock.advanceTo(step * 10_000L);
        long maxPulses = 1_000_000 / I8254.MIN_IRQ_INTERVAL_NANOS + 1;
        assertTrue(irq0.risingEdges() <= maxPulses, irq0.risingEdges() + " pulses in 1 ms");
        assertTrue(irq0.risingEdges() >= maxPulses / 2);
    }

    @Test
    void latchedCountIsHeldUntilBothBytesAreRead() {
        program(0, 2, 50000);
        advanceToTick(1234);
        out(CONTROL, 0x00);
        advanceToTick(5000);
        out(CONTROL, 0x00); // a second latch before reading is ignored
        assertEquals((50000 - 1234) & 0xff, in(0));
        advanceToTick(6000);
        assertEquals((50000 - 1234) >>> 8, in(0));
        assertEquals((50000 - 6000) & 0xff, in(0), "then reads are live again");
    }

    @Test
    void lsbOnlyAndMsbOnlyAccessModes() {
        out(CONTROL, 0x90 | 0x04); // channel 2, LSB only, mode 2
        out(2, 0x50);
        assertEquals(0x50, in(2));
        assertEquals(0x50, in(2));
        out(CONTROL, 0xa0 | 0x04); // channel 2, MSB only, mode 2
        out(2, 0x12);
        assertEquals(0x12, in(2));
        out(CONTROL, 0xb0 | 0x04); // LSB then MSB: the counter still holds 0x1200
        assertEquals(0x00, in(2));
        assertEquals(0x12, in(2));
    }

    @Test
    void readBackLatchesStatusAndCount() {
        out(CONTROL, 0x34);
        out(CONTROL, 0xe2); // read-back: status only, channel 0
        assertEquals(0x80 | 0x40 | 0x30 | 0x04, in(0), "OUT high, null count, LSB/MSB, mode 2");
        out(0, 100);
        out(0, 0);
        advanceToTick(10);
        out(CONTROL, 0xc2); // read-back: count and status, channel 0
        assertEquals(0x80 | 0x30 | 0x04, in(0), "the count is in the counter now");
        advanceToTick(20);
        assertEquals(90, in(0));
        assertEquals(0, in(0));
        out(CONTROL, 0xd2); // read-back: count only
        advanceToTick(30);
        assertEquals(80, in(0) | in(0) << 8);
    }

    @Test
    void bcdBitIsReportedButCountsAreBinary() {
        out(CONTROL, 0x31); // channel 0, LSB/MSB, mode 0, BCD
        out(0, 0x00);
        out(0, 0x01);
        advanceToTick(1);
        out(CONTROL, 0xe2);
        assertEquals(0x31, in(0));
        assertEquals(0xff, latchedCount(0));
    }

    @Test
    void controlWordRegisterReadsAsFloatingBus() {
        assertEquals(0xff, in(CONTROL));
    }

    @Test
    void portBGatesChannel2AndShowsItsOutputAsLinuxCalibrationUsesIt() {
        portB.write(0, 1, (portB.read(0, 1) & ~0x02) | 0x01);
        out(CONTROL, 0xb0);
        out(2, 0xff);
        out(2, 0xff);
        long start = PitChannel.ticksIn(clock.nanos());
        assertEquals(0, portB.read(0, 1) & 0x20);
        advanceToTick(start + 0xfffe);
        assertEquals(0, portB.read(0, 1) & 0x20);
        advanceToTick(start + 0xffff);
        assertEquals(0x20, portB.read(0, 1) & 0x20);
    }

    @Test
    void portBGateLowPausesMode0() {
        program(2, 0, 1000);
        advanceToTick(500);
        assertEquals(1000, latchedCount(2), "the gate is low until port 0x61 raises it");
        portB.write(0, 1, 0x01);
        advanceToTick(clock.nanos(), 200);
        portB.write(0, 1, 0x00);
        advanceToTick(5000);
        assertEquals(800, latchedCount(2));
        assertFalse(pit.output(2));
    }

    @Test
    void gateRisingEdgeRestartsMode2AndGateLowHoldsOutputHigh() {
        program(2, 2, 100);
        portB.write(0, 1, 0x01);
        advanceToTick(99);
        assertFalse(pit.output(2));
        portB.write(0, 1, 0x00);
        assertTrue(pit.output(2));
        advanceToTick(150);
        portB.write(0, 1, 0x01);
        assertEquals(100, latchedCount(2));
    }

    @Test
    void mode1IsAOneShotTriggeredByTheGate() {
        program(2, 1, 50);
        assertTrue(pit.output(2));
        advanceToTick(10);
        long trigger = clock.nanos();
        portB.write(0, 1, 0x01);
        assertFalse(pit.output(2));
        advanceToTick(trigger, 49);
        assertFalse(pit.output(2));
        assertEquals(1, latchedCount(2));
        advanceToTick(trigger, 50);
        assertTrue(pit.output(2));
    }

    @Test
    void portBStoresControlBitsAndTogglesRefresh() {
        portB.write(0, 1, 0xff);
        int first = (int) portB.read(0, 1);
        int second = (int) portB.read(0, 1);
        assertEquals(0x0f, first & 0x0f);
        assertEquals(0, first & 0xc0);
        assertNotEquals(first & 0x10, second & 0x10);
    }
}
