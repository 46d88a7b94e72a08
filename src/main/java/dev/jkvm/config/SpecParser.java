package dev.jkvm.config;

import dev.jkvm.VmmException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Splits "head,key=value,key=value" option values and rejects unknown keys. */
final class SpecParser {
    private SpecParser() {}

    /** The comma-separated key=value pairs after the head; the head is stored under "". */
    static Map<String, String> parse(String option, String spec, boolean headIsValue, Set<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] parts = spec.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == 0 && headIsValue) {
                if (part.isEmpty()) throw new VmmException(option + " '" + spec + "': the first item must be a file");
                out.put("", part);
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) throw new VmmException(option + " '" + spec + "': expected key=value, got '" + part + "'");
            String key = part.substring(0, eq);
            if (!keys.contains(key)) {
                throw new VmmException(option + " '" + spec + "': unknown key '" + key + "' (known: " + String.join(", ", keys) + ")");
            }
            if (out.put(key, part.substring(eq + 1)) != null) {
                throw new VmmException(option + " '" + spec + "': '" + key + "' given twice");
            }
        }
        return out;
    }

    static <E extends Enum<E>> E choice(String option, String key, String value, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) return e;
        }
        StringBuilder known = new StringBuilder();
        for (E e : type.getEnumConstants()) known.append(known.isEmpty() ? "" : "|").append(e.name().toLowerCase());
        throw new VmmException(option + ": " + key + "=" + value + " is not one of " + known);
    }
}
