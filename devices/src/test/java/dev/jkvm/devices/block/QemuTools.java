package dev.jkvm.devices.block;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Runs qemu-img and qemu-io (Debian's qemu-utils). Missing tools skip the test, or fail it under CI=true. */
final class QemuTools {
    record Result(int exitCode, String output) {}

    private QemuTools() {}

    static void require() {
        for (String tool : List.of("qemu-img", "qemu-io")) {
            if (onPath(tool)) continue;
            String message = tool + " not found on PATH: install qemu-utils to run the qcow2 interoperability tests";
            if ("true".equals(System.getenv("CI"))) fail(message);
            Assumptions.abort(message);
        }
    }

    static boolean available() {
        return onPath("qemu-img") && onPath("qemu-io");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /** Runs a tool and returns its exit code and combined output. */
    static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Runs a tool that must succeed. */
    static String ok(String... command) throws IOException, InterruptedException {
        Result result = run(command);
        if (result.exitCode() != 0) fail(String.join(" ", command) + " exited " + result.exitCode() + ":\n" + result.output());
        return result.output();
    }
}
