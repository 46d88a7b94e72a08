package dev.jkvm.vmm;

/** A small streaming JSON writer: enough for jkvm's statistics files. */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private boolean needComma;
    private int depth;

    JsonWriter beginObject() {
        value();
        out.append('{');
        depth++;
        needComma = false;
        return this;
    }

    JsonWriter endObject() {
        depth--;
        newline();
        out.append('}');
        needComma = true;
        return this;
    }

    JsonWriter beginArray() {
        value();
        out.append('[');
        depth++;
        needComma = false;
        return this;
    }

    JsonWriter endArray() {
        depth--;
        newline();
        out.append(']');
        needComma = true;
        return this;
    }

    JsonWriter name(String name) {
        if (needComma) out.append(',');
        newline();
        string(name);
        out.append(": ");
        needComma = false;
        return this;
    }

    JsonWriter value(String s) {
        value();
        string(s);
        needComma = true;
        return this;
    }

    JsonWriter value(long n) {
        value();
        out.append(n);
        needComma = true;
        return this;
    }

    JsonWriter value(double d) {
        value();
        out.append(Double.isFinite(d) ? String.format(java.util.Locale.ROOT, "%.4f", d) : "null");
        needComma = true;
        return this;
    }

    private void value() {
        if (needComma) {
            out.append(',');
            newline();
        } else if (depth > 0 && out.charAt(out.length() - 1) != ' ') {
            newline();
        }
    }

    private void newline() {
        out.append('\n').append("  ".repeat(Math.max(depth, 0)));
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
