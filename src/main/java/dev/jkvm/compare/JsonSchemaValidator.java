package dev.jkvm.compare;

import dev.jkvm.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a parsed JSON value against the subset of JSON Schema (2020-12) that compare.schema.json uses:
 * {@code type} (a name or a list), {@code required}, {@code properties}, {@code additionalProperties} (boolean
 * or schema), {@code items}, {@code enum}, {@code const}, {@code minimum}, {@code maximum}, {@code minItems} and
 * local {@code $ref}s ({@code #/$defs/NAME}). Annotations ({@code description}, {@code title}, {@code $id},
 * {@code $schema}) are ignored. Any other keyword is rejected, so the schema cannot silently use more than this
 * validator checks.
 */
public final class JsonSchemaValidator {
    private static final Set<String> KNOWN = Set.of("type", "required", "properties", "additionalProperties", "items", "enum",
            "const", "minimum", "maximum", "minItems", "$ref", "$defs", "description", "title", "$id", "$schema");

    private final Map<String, Object> root;

    public JsonSchemaValidator(String schemaText) {
        this.root = Json.object(Json.parse(schemaText), "schema");
    }

    /** The problems found, each as "$.path: message"; empty when the value is valid. */
    public List<String> validate(Object value) {
        List<String> errors = new ArrayList<>();
        check(root, value, "$", errors);
        return errors;
    }

    private void check(Map<String, Object> schema, Object value, String path, List<String> errors) {
        for (String keyword : schema.keySet()) {
            if (!KNOWN.contains(keyword)) throw new IllegalArgumentException("schema keyword " + keyword + " is not supported (at " + path + ")");
        }
        if (schema.containsKey("$ref")) {
            check(resolve(Json.string(schema.get("$ref"), "$ref")), value, path, errors);
        }
        if (schema.containsKey("type")) {
            Object type = schema.get("type");
            List<Object> types = type instanceof List<?> ? Json.array(type, "type") : List.of(type);
            if (types.stream().noneMatch(t -> hasType(value, (String) t))) {
                errors.add(path + ": expected " + types + ", got " + Json.describe(value));
                return;
            }
        }
        if (schema.containsKey("enum") && !Json.array(schema.get("enum"), "enum").contains(normalise(value))) {
            errors.add(path + ": " + Json.describe(value) + " is not one of " + schema.get("enum"));
        }
        if (schema.containsKey("const") && !normalise(schema.get("const")).equals(normalise(value))) {
            errors.add(path + ": expected " + schema.get("const"));
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (schema.get("minimum") instanceof Number min && d < min.doubleValue()) errors.add(path + ": " + n + " is below " + min);
            if (schema.get("maximum") instanceof Number max && d > max.doubleValue()) errors.add(path + ": " + n + " is above " + max);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> object = Json.object(m, path);
            if (schema.containsKey("required")) {
                for (Object name : Json.array(schema.get("required"), "required")) {
                    if (!object.containsKey((String) name)) errors.add(path + ": missing required \"" + name + "\"");
                }
            }
            Map<String, Object> properties = schema.containsKey("properties") ? Json.object(schema.get("properties"), "properties") : Map.of();
            for (Map.Entry<String, Object> e : object.entrySet()) {
                String child = path + "." + e.getKey();
                if (properties.containsKey(e.getKey())) {
                    check(Json.object(properties.get(e.getKey()), child), e.getValue(), child, errors);
                } else if (schema.containsKey("additionalProperties")) {
                    Object extra = schema.get("additionalProperties");
                    if (Boolean.FALSE.equals(extra)) errors.add(path + ": unexpected property \"" + e.getKey() + "\"");
                    else if (extra instanceof Map<?, ?>) check(Json.object(extra, child), e.getValue(), child, errors);
                }
            }
        }
        if (value instanceof List<?> l) {
            if (schema.get("minItems") instanceof Number min && l.size() < min.longValue()) {
                errors.add(path + ": " + l.size() + " items, at least " + min + " expected");
            }
            if (schema.containsKey("items")) {
                Map<String, Object> items = Json.object(schema.get("items"), "items");
                for (int i = 0; i < l.size(); i++) check(items, l.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private Map<String, Object> resolve(String ref) {
        if (!ref.startsWith("#/$defs/")) throw new IllegalArgumentException("$ref " + ref + ": only #/$defs/NAME is supported");
        Map<String, Object> defs = Json.object(root.get("$defs"), "$defs");
        Object target = defs.get(ref.substring("#/$defs/".length()));
        if (target == null) throw new IllegalArgumentException("$ref " + ref + ": no such definition");
        return Json.object(target, ref);
    }

    private static boolean hasType(Object value, String type) {
        return switch (type) {
            case "object" -> value instanceof Map<?, ?>;
            case "array" -> value instanceof List<?>;
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "null" -> value == null;
            case "integer" -> value instanceof Long || (value instanceof Double d && d == Math.rint(d) && !d.isInfinite());
            case "number" -> value instanceof Long || value instanceof Double;
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    /** Integral numbers compare equal whether parsed as Long or Double. */
    private static Object normalise(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) return d.longValue();
        return v;
    }
}
