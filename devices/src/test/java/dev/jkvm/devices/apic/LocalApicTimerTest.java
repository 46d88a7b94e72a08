package dev.jkvm.devices.apic;

import dev.jkvm.devices.time.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.jkvm.devices.apic.ApicTestRegisters.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timer counts at 1 GHz divided by the divide configuration. */
class LocalApicTimerTest {
    private static final int VECTOR = 0xec;
    private static final int DIVIDE_BY_1 = 0b1011, DIVIDE_BY_16 = 0b0011;

    private final VirtualClock clock = new VirtualClock();
    private final ApicBus bus = new ApicBus();
    private final RecordingCpuSignals signals = new RecordingCpuSignals();
    private final LocalApic lapic = new LocalApic(0, true, clock, bus, signals);

    LocalApicTimerTest() {
        write(lapic, SVR, SOFTWARE_ENABLED_SVR);
    }

    private void start(int lvt, int divide, int initialCount) {
        write(lapic, LVT_TIMER, lvt);
        write(lapic, TIMER_DIVIDE, divide);
        write(lapic, TIMER_INITIAL, initialCount);
    }

    private int current() {
        return read(lapic, TIMER_CURRENT);
    }

    private void service() {
        assertEquals(VECTOR, lapic.acknowledge());
        write(lapic, EOI, 0);
    }

    @Test
    void oneShotCountsDownAndInterruptsOnceAtZero() {
        start(VECTOR, DIVIDE_BY_16, 1000);
        assertEquals(1000, read(lapic, TIMER_INITIAL));
        assertEquals(1000, current());
        clock.advanceTo(1600);
        assertEquals(900, current());
        clock.advanceTo(15_999);
        assertEquals(1, current());
        assertEquals(-1, lapic.pendingVector());

        clock.advanceTo(16_000);
        assertEquals(0, current());
        assertEquals(VECTOR, lapic.pendingVector());
        assertEquals(1, signals.interruptsPending);
        service();
        clock.advanceTo(1_000_000);
        assertEquals(0, current());
        assertEquals(-1, lapic.pendingVector(), "one-shot does not reload");
        assertEquals(Long.MAX_VALUE, clock.nextDeadline());
    }

    @ParameterizedTest
    @CsvSource({"0, 2", "1, 4", "2, 8", "3, 16", "8, 32", "9, 64", "10, 128", "11, 1"})
    void divideConfigurationSetsTheTickLength(int divide, int divisor) {
        start(VECTOR, divide, 1000);
        assertEquals(divide, read(lapic, TIMER_DIVIDE));
        clock.advanceTo(10L * divisor);
        assertEquals(990, current());
        clock.advanceTo(1000L * divisor - 1);
        assertEquals(-1, lapic.pendingVector());
        clock.advanceTo(1000L * divisor);
        assertEquals(VECTOR, lapic.pendingVector());
    }

    @Test
    void periodicReloadsOnAGridFixedByTheStartTime() {
        int period = 100_000;
        start(PERIODIC | VECTOR, DIVIDE_BY_1, period);
        int expiries = 0;
        for (long t = 33_333; t <= 1_000_000; t += 33_333) {
            clock.advanceTo(t);
            assertEquals(period - (int) (t % period), current());
            if (lapic.hasPendingInterrupt()) {
                service();
                expiries++;
            }
        }
        assertEquals(9, expiries, "expiries at 100 us .. 900 us by t = 999_990");
        clock.advanceTo(1_000_000);
        assertEquals(period, current(), "reloaded at the expiry");
        assertTrue(lapic.hasPendingInterrupt());
    }

    @Test
    void lateExpiryKeepsTheGridAndMergesMissedPeriods() {
        start(PERIODIC | VECTOR, DIVIDE_BY_1, 100_000);
        clock.advanceTo(550_000);
        service();
        assertEquals(600_000, clock.nextDeadline(), "the next expiry stays on the grid");
        clock.advanceTo(599_999);
        assertFalse(lapic.hasPendingInterrupt());
        clock.advanceTo(600_000);
        assertTrue(lapic.hasPendingInterrupt());
    }

    @Test
    void tinyPeriodsAreMergedToTheMinimumInterval() {
        start(PERIODIC | VECTOR, DIVIDE_BY_1, 10);
        clock.advanceTo(10);
        service();
        assertEquals(ApicTimer.MIN_PERIODIC_INTERVAL_NANOS + 10, clock.nextDeadline());
        clock.advanceTo(10_003);
        assertEquals(7, current(), "the count itself stays exact");
        assertFalse(lapic.hasPendingInterrupt());
    }

    @Test
    void maskedTimerCountsButDoesNotInterrupt() {
        start(MASKED | VECTOR, DIVIDE_BY_1, 500);
        clock.advanceTo(499);
        assertEquals(1, current());
        clock.advanceTo(500);
        assertEquals(0, current());
        assertFalse(lapic.hasPendingInterrupt());
        assertEquals(0, signals.interruptsPending);
    }

    @Test
    void writingZeroStopsAndANewCountRestarts() {
        start(VECTOR, DIVIDE_BY_1, 500);
        clock.advanceTo(100);
        write(lapic, TIMER_INITIAL, 0);
        assertEquals(0, current());
        clock.advanceTo(1000);
        assertFalse(lapic.hasPendingInterrupt());

        write(lapic, TIMER_INITIAL, 300);
        clock.advanceTo(1200);
        assertEquals(100, current());
        clock.advanceTo(1300);
        assertTrue(lapic.hasPendingInterrupt());
    }

    @Test
    void changingTheDivideKeepsTheCountSoFar() {
        start(VECTOR, DIVIDE_BY_1, 1000);
        clock.advanceTo(400);
        write(lapic, TIMER_DIVIDE, 0b0000);
        assertEquals(600, current());
        clock.advanceTo(400 + 2 * 599);
        assertEquals(1, current());
        assertFalse(lapic.hasPendingInterrupt());
        clock.advanceTo(400 + 2 * 600);
        assertTrue(lapic.hasPendingInterrupt());
    }

    @Test
    void switchingToPeriodicWhileCountingKeepsTheCount() {
        start(VECTOR, DIVIDE_BY_1, 1000);
        clock.advanceTo(1500);
        service();
        write(lapic, LVT_TIMER, PERIODIC | VECTOR);
        assertEquals(PERIODIC | VECTOR, read(lapic, LVT_TIMER));
        assertEquals(500, current());
        clock.advanceTo(2000);
        assertTrue(lapic.hasPendingInterrupt());
    }

    @Test
    void tscDeadlineModeIsNotWritable() {
        write(lapic, LVT_TIMER, (2 << 17) | VECTOR);
        assertEquals(VECTOR, read(lapic, LVT_TIMER));
    }
}
