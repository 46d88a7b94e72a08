package dev.jkvm.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a host component skip with a message naming it, except under CI=true where a
 * missing component fails the test: CI must never silently skip.
 */
public final class Requirements {
    private Requirements() {}

    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static void require(boolean present, String component) {
        if (present) return;
        String message = component + " is missing";
        if (onCi()) throw new AssertionError(message + " (CI=true forbids skipping)");
        Assumptions.abort(message + ": skipping");
    }
}
