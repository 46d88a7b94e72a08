package dev.jkvm.json;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    @Test
    void roundTrip() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a \"quoted\"\n\\ \u0001 é");
        m.put("n", 42L);
        m.put("neg", -7L);
        m.put("d", 0.125);
        m.put("whole", 17.0);
        m.put("b", true);
        m.put("z", null);
        m.put("a", List.of(1L, List.of(), Map.of()));
        String text = Json.write(m);
        assertEquals(m, Json.parse(text));
        assertTrue(text.contains("\"whole\": 17.0"), text);
        assertTrue(text.contains("\\u0001"), text);
    }

    @Test
    void numbersKeepTheirKind() {
        assertEquals(3L, Json.parse("3"));
        assertEquals(3.5, Json.parse("3.5"));
        assertEquals(1e3, Json.parse("1e3"));
        assertEquals(-0.25, Json.parse("-0.25"));
        assertEquals("0.1235", Json.write(0.123456).strip());
    }

    @Test
    void malformedInputNamesTheOffset() {
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse("{\"a\": [1, 2,]}"));
        assertTrue(e.getMessage().contains("offset 12"), e.getMessage());
        assertThrows(Json.ParseException.class, () -> Json.parse("{\"a\": 1} x"));
        assertThrows(Json.ParseException.class, () -> Json.parse("{\"a\": 1, \"a\": 2}"));
        assertThrows(Json.ParseException.class, () -> Json.parse("\"\\q\""));
        assertEquals("\u00e9A", Json.parse("\"\\u00e9\\u0041\""));
    }
}
