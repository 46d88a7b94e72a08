package dev.jkvm.guest;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Host programs some tests use: missing ones skip the test, unless CI=true demands everything. */
final class HostTools {
    private HostTools() {}

    static Optional<Path> find(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** The program's path; skips the test with why when it is missing (fails under CI=true). */
    static Path require(String name, String why) {
        Optional<Path> tool = find(name);
        skipUnless(tool.isPresent(), name + " is not installed: " + why);
        return tool.orElseThrow();
    }

    static void skipUnless(boolean condition, String message) {
        if (condition) return;
        if ("true".equals(System.getenv("CI"))) throw new AssertionError(message + " (CI=true forbids skipping)");
        Assumptions.abort(message);
    }
}
