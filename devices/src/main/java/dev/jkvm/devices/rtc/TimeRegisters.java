package dev.jkvm.devices.rtc;

import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * The RTC's time and date registers in the format Status B selects: BCD or binary (DM bit), 24- or
 * 12-hour with bit 7 as PM. The day of week (1 = Sunday) is derived from the date.
 */
final class TimeRegisters {
    static final int SECONDS = 0x00, MINUTES = 0x02, HOURS = 0x04, DAY_OF_WEEK = 0x06, DAY_OF_MONTH = 0x07,
            MONTH = 0x08, YEAR = 0x09, CENTURY = 0x32;
    private static final int[] ALL = {SECONDS, MINUTES, HOURS, DAY_OF_WEEK, DAY_OF_MONTH, MONTH, YEAR, CENTURY};

    static final int B_BINARY = 0x04, B_24_HOUR = 0x02;
    private static final int PM = 0x80;

    private TimeRegisters() {}

    static boolean isTimeRegister(int index) {
        return index == SECONDS || index == MINUTES || index == HOURS || (index >= DAY_OF_WEEK && index <= YEAR)
                || index == CENTURY;
    }

    /** A register's value for the given time. */
    static int read(LocalDateTime time, int index, int statusB) {
        return switch (index) {
            case SECONDS -> encode(time.getSecond(), statusB);
            case MINUTES -> encode(time.getMinute(), statusB);
            case HOURS -> encodeHour(time.getHour(), statusB);
            case DAY_OF_WEEK -> encode(time.getDayOfWeek().getValue() % 7 + 1, statusB);
            case DAY_OF_MONTH -> encode(time.getDayOfMonth(), statusB);
            case MONTH -> encode(time.getMonthValue(), statusB);
            case YEAR -> encode(time.getYear() % 100, statusB);
            case CENTURY -> encode(time.getYear() / 100, statusB);
            default -> throw new IllegalArgumentException("not a time register: " + index);
        };
    }

    /** Writes every time register of the time into the CMOS array. */
    static void store(LocalDateTime time, byte[] cmos, int statusB) {
        for (int index : ALL) cmos[index] = (byte) read(time, index, statusB);
    }

    /** The time the CMOS array's time registers hold, or null if they hold no valid date. */
    static LocalDateTime load(byte[] cmos, int statusB) {
        try {
            int year = decode(cmos[CENTURY] & 0xff, statusB) * 100 + decode(cmos[YEAR] & 0xff, statusB);
            return LocalDateTime.of(year, decode(cmos[MONTH] & 0xff, statusB), decode(cmos[DAY_OF_MONTH] & 0xff, statusB),
                    decodeHour(cmos[HOURS] & 0xff, statusB), decode(cmos[MINUTES] & 0xff, statusB),
                    decode(cmos[SECONDS] & 0xff, statusB));
        } catch (DateTimeException e) {
            return null;
        }
    }

    static int encode(int value, int statusB) {
        return (statusB & B_BINARY) != 0 ? value : (value / 10) << 4 | value % 10;
    }

    static int decode(int raw, int statusB) {
        return (statusB & B_BINARY) != 0 ? raw : (raw >>> 4) * 10 + (raw & 0x0f);
    }

    private static int encodeHour(int hour, int statusB) {
        if ((statusB & B_24_HOUR) != 0) return encode(hour, statusB);
        int hour12 = hour % 12 == 0 ? 12 : hour % 12;
        return encode(hour12, statusB) | (hour >= 12 ? PM : 0);
    }

    private static int decodeHour(int raw, int statusB) {
        if ((statusB & B_24_HOUR) != 0) return decode(raw, statusB);
        int hour12 = decode(raw & ~PM, statusB);
        return hour12 % 12 + ((raw & PM) != 0 ? 12 : 0);
    }
}
