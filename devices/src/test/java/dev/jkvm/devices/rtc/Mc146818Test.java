package dev.jkvm.devices.rtc;

import dev.jkvm.devices.time.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Mc146818Test {
    private static final int SECONDS = 0x00, SECONDS_ALARM = 0x01, MINUTES = 0x02, HOURS = 0x04, DAY_OF_WEEK = 0x06,
            DAY = 0x07, MONTH = 0x08, YEAR = 0x09, STATUS_A = 0x0a, STATUS_B = 0x0b, STATUS_C = 0x0c, STATUS_D = 0x0d,
            CENTURY = 0x32;
    private static final long MS = 1_000_000L;

    private final VirtualClock clock = new VirtualClock();
    /** Half a second before midnight ending a leap day, a Thursday. */
    private final Mc146818 rtc = new Mc146818(
            Clock.fixed(Instant.parse("2024-02-29T23:59:58.500Z"), ZoneOffset.UTC), clock);

    private int cmos(int index) {
        rtc.write(0, 1, index);
        return (int) rtc.read(1, 1);
    }

    private void setCmos(int index, int value) {
        rtc.write(0, 1, index);
        rtc.write(1, 1, value);
    }

    @Test
    void timeRegistersAreBcdAnd24HourByDefault() {
        assertEquals(0x58, cmos(SECONDS));
        assertEquals(0x59, cmos(MINUTES));
        assertEquals(0x23, cmos(HOURS));
        assertEquals(5, cmos(DAY_OF_WEEK), "Thursday, with Sunday = 1");
        assertEquals(0x29, cmos(DAY));
        assertEquals(0x02, cmos(MONTH));
        assertEquals(0x24, cmos(YEAR));
        assertEquals(0x20, cmos(CENTURY));
        assertEquals(0x02, cmos(STATUS_B));
    }

    @Test
    void theClockTicksWithTheDeviceClock() {
        clock.advanceTo(499 * MS);
        assertEquals(0x58, cmos(SECONDS));
        clock.advanceTo(500 * MS);
        assertEquals(0x59, cmos(SECONDS));
        clock.advanceTo(1500 * MS);
        assertEquals(0x00, cmos(SECONDS));
        assertEquals(0x00, cmos(HOURS));
        assertEquals(0x01, cmos(DAY));
        assertEquals(0x03, cmos(MONTH));
        assertEquals(6, cmos(DAY_OF_WEEK));
    }

    @Test
    void binaryDataMode() {
        setCmos(STATUS_B, 0x06);
        assertEquals(58, cmos(SECONDS));
        assertEquals(23, cmos(HOURS));
        assertEquals(29, cmos(DAY));
        assertEquals(24, cmos(YEAR));
        assertEquals(20, cmos(CENTURY));
    }

    @Test
    void twelveHourModeFlagsPmInBit7() {
        setCmos(STATUS_B, 0x00);
        assertEquals(0x80 | 0x11, cmos(HOURS));
        setCmos(STATUS_B, 0x04);
        assertEquals(0x80 | 11, cmos(HOURS));
        clock.advanceTo(2 * 1000 * MS);
        assertEquals(12, cmos(HOURS), "midnight is 12 AM");
    }

    @Test
    void setBitFreezesTheTimeForTheGuestToWriteIt() {
        setCmos(STATUS_B, 0x82);
        clock.advanceTo(5000 * MS);
        assertEquals(0x58, cmos(SECONDS), "no updates while SET");
        setCmos(SECONDS, 0x30);
        setCmos(MINUTES, 0x15);
        setCmos(HOURS, 0x08);
        setCmos(DAY, 0x31);
        setCmos(MONTH, 0x12);
        setCmos(YEAR, 0x99);
        setCmos(CENTURY, 0x19);
        assertEquals(0x30, cmos(SECONDS));
        setCmos(STATUS_B, 0x02);
        clock.advanceTo(5999 * MS);
        assertEquals(0x30, cmos(SECONDS));
        clock.advanceTo(6000 * MS);
        assertEquals(0x31, cmos(SECONDS), "the first update comes a second after SET clears");
        assertEquals(0x99, cmos(YEAR));
        assertEquals(0x19, cmos(CENTURY));
        assertEquals(6, cmos(DAY_OF_WEEK), "1999-12-31 was a Friday");
    }

    @Test
    void setBitClearsTheUpdateInterruptEnable() {
        setCmos(STATUS_B, 0x92);
        assertEquals(0x82, cmos(STATUS_B));
    }

    @Test
    void writingATimeRegisterWhileRunningSetsTheTime() {
        setCmos(MINUTES, 0x10);
        assertEquals(0x10, cmos(MINUTES));
        assertEquals(0x58, cmos(SECONDS));
        clock.advanceTo(500 * MS);
        assertEquals(0x59, cmos(SECONDS), "the second keeps its phase");
        setCmos(HOURS, 0x25);
        assertEquals(0x23, cmos(HOURS), "an impossible hour is ignored");
    }

    @Test
    void updateInProgressIsSetJustBeforeEachUpdate() {
        assertEquals(0, cmos(STATUS_A) & 0x80);
        clock.advanceTo(500 * MS - 200_000);
        assertEquals(0x80, cmos(STATUS_A) & 0x80);
        clock.advanceTo(500 * MS);
        assertEquals(0, cmos(STATUS_A) & 0x80);
        clock.advanceTo(1500 * MS - 1000);
        setCmos(STATUS_B, 0x82);
        assertEquals(0, cmos(STATUS_A) & 0x80, "SET stops updates, so none is coming");
    }

    @Test
    void dividerResetStopsTheClockAndReleaseRestartsHalfASecondLater() {
        assertEquals(0x26, cmos(STATUS_A));
        setCmos(STATUS_A, 0x76);
        clock.advanceTo(10_000 * MS);
        assertEquals(0x58, cmos(SECONDS));
        setCmos(STATUS_A, 0x26);
        clock.advanceTo(10_499 * MS);
        assertEquals(0x58, cmos(SECONDS));
        clock.advanceTo(10_500 * MS);
        assertEquals(0x59, cmos(SECONDS));
    }

    @Test
    void statusRegisters() {
        setCmos(STATUS_A, 0xff);
        assertEquals(0x7f, cmos(STATUS_A) & 0x7f, "UIP is read-only");
        assertEquals(0, cmos(STATUS_C), "no interrupt flags: interrupts are not implemented");
        assertEquals(0x80, cmos(STATUS_D), "valid RAM and time");
        setCmos(STATUS_D, 0x00);
        assertEquals(0x80, cmos(STATUS_D));
    }

    @Test
    void indexBit7MasksNmi() {
        rtc.write(0, 1, 0x80 | 0x40);
        assertTrue(rtc.nmiMasked());
        rtc.write(1, 1, 0xab);
        rtc.write(0, 1, 0x40);
        assertFalse(rtc.nmiMasked());
        assertEquals(0xab, rtc.read(1, 1), "bit 7 is not part of the index");
        assertEquals(0xff, rtc.read(0, 1), "the index port is write-only");
    }

    @Test
    void cmosRamHoldsBytes() {
        for (int index : new int[] {SECONDS_ALARM, 0x0e, 0x40, 0x7f}) {
            setCmos(index, index ^ 0x5a);
            assertEquals(index ^ 0x5a, cmos(index));
        }
    }

    @Test
    void memorySizeBytesAsFirmwareReadsThem() {
        rtc.setMemorySize(1L << 30, 2L << 30);
        assertEquals(640, cmos(0x15) | cmos(0x16) << 8);
        assertEquals(0xffff, cmos(0x17) | cmos(0x18) << 8);
        assertEquals(0xffff, cmos(0x30) | cmos(0x31) << 8);
        assertEquals(((1 << 30) - (16 << 20)) >> 16, cmos(0x34) | cmos(0x35) << 8);
        assertEquals((2L << 30) >> 16, cmos(0x5b) | cmos(0x5c) << 8 | cmos(0x5d) << 16);

        rtc.setMemorySize(8 << 20, 0);
        assertEquals(7 << 10, cmos(0x17) | cmos(0x18) << 8);
        assertEquals(0, cmos(0x34) | cmos(0x35) << 8);
        assertEquals(0, cmos(0x5b) | cmos(0x5c) << 8 | cmos(0x5d) << 16);
    }
}
