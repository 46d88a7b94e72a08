package dev.jkvm.compare;

import dev.jkvm.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReportSchemaTest {
    @TempDir
    Path dir;

    private final JsonSchemaValidator validator = new JsonSchemaValidator(JsonReport.schema());

    @Test
    void diskAndNetReportsValidate() {
        for (Report r : List.of(Fixtures.disk(dir.resolve("d")), Fixtures.net(dir.resolve("n")))) {
            String json = JsonReport.write(r);
            Object parsed = Json.parse(json);
            assertEquals(List.of(), validator.validate(parsed), json);
        }
    }

    @Test
    void theJsonCarriesTheTableFigures() {
        Map<String, Object> root = Json.object(Json.parse(JsonReport.write(Fixtures.disk(dir))), "root");
        assertEquals("disk", root.get("comparison"));
        assertEquals("tcg", root.get("accelerator"));
        List<Object> devices = Json.array(root.get("devices"), "devices");
        assertEquals(3, devices.size());
        Map<String, Object> ide = Json.object(devices.get(1), "ide-dma");
        assertEquals("ide-dma", ide.get("model"));
        assertEquals(288L, ide.get("requests"));
        Map<String, Object> exits = Json.object(ide.get("exits"), "exits");
        assertEquals(9216L, exits.get("user_space"));
        assertEquals(32.0, (Double) exits.get("per_request"), 1e-9);
        assertNull(exits.get("kvm_exits"), "the software CPU has no KVM counters");
        Map<String, Object> reg = Json.object(Json.array(ide.get("registers"), "registers").getFirst(), "register");
        assertTrue(((String) reg.get("register")).contains(" "), reg.toString());
    }

    @Test
    void theValidatorRejectsWhatTheSchemaForbids() {
        Map<String, Object> root = Json.object(Json.parse(JsonReport.write(Fixtures.net(dir))), "root");
        root.put("comparison", "gpu");
        root.remove("method");
        root.put("extra", 1L);
        Map<String, Object> device = Json.object(Json.array(root.get("devices"), "devices").getFirst(), "device");
        Json.object(device.get("exits"), "exits").put("user_space", -3L);
        Json.object(device.get("dominant"), "dominant").put("share", 1.5);
        List<String> errors = validator.validate(root);
        String all = String.join("\n", errors);
        assertTrue(all.contains("$.comparison: the string \"gpu\" is not one of"), all);
        assertTrue(all.contains("$: missing required \"method\""), all);
        assertTrue(all.contains("$: unexpected property \"extra\""), all);
        assertTrue(all.contains("$.devices[0].exits.user_space: -3 is below 0"), all);
        assertTrue(all.contains("$.devices[0].dominant.share: 1.5 is above 1"), all);
        assertEquals(5, errors.size(), all);
    }

    @Test
    void typesNullsAndRefs() {
        JsonSchemaValidator v = new JsonSchemaValidator("""
                {"$defs": {"n": {"type": ["number", "null"], "minimum": 0}},
                 "type": "array", "minItems": 1, "items": {"$ref": "#/$defs/n"}}""");
        assertEquals(List.of(), v.validate(Json.parse("[1, 2.5, null]")));
        assertEquals(List.of("$[1]: expected [number, null], got the string \"x\""), v.validate(Json.parse("[1, \"x\"]")));
        assertEquals(List.of("$: 0 items, at least 1 expected"), v.validate(Json.parse("[]")));
        assertThrows(IllegalArgumentException.class, () -> new JsonSchemaValidator("{\"pattern\": \"x\"}").validate("y"),
                "unsupported keywords are refused, never ignored");
    }

    @Test
    void unmeasuredRatesAreNull() {
        String json = Json.write(Map.of("a", Double.NaN));
        assertEquals("{\n  \"a\": null\n}\n", json);
    }
}
