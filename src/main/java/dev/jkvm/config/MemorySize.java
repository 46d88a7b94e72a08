package dev.jkvm.config;

import dev.jkvm.VmmException;

import java.util.Locale;

/** Sizes such as 512M, 2G, 65536K or a plain byte count. */
public final class MemorySize {
    private MemorySize() {}

    public static long parse(String option, String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.endsWith("IB")) t = t.substring(0, t.length() - 2);
        else if (t.endsWith("B") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) t = t.substring(0, t.length() - 1);
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> unit = 1L << 10;
                case 'M' -> unit = 1L << 20;
                case 'G' -> unit = 1L << 30;
                case 'T' -> unit = 1L << 40;
                default -> { }
            }
        }
        if (unit != 1) t = t.substring(0, t.length() - 1);
        try {
            long value = Long.parseLong(t);
            if (value <= 0) throw new NumberFormatException();
            return Math.multiplyExact(value, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new VmmException(option + " '" + text + "': expected a size such as 512M or 2G");
        }
    }
}
