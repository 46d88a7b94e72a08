package dev.jkvm.compare;

import dev.jkvm.VmmException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Runs `jkvm run` as a child process, one boot at a time. A child keeps each boot's VMM state apart and lets
 * the host CPU time be measured cleanly: getrusage(RUSAGE_CHILDREN) around the run (see {@link HostCpuTime}),
 * or, without native access, the last sample of {@code ProcessHandle.Info.totalCpuDuration()}.
 *
 * <p>The launcher is found in this order: the system property {@code jkvm.launcher}; {@code bin/jkvm} under the
 * environment variable {@code JKVM_PROJECT_ROOT}; {@code bin/jkvm} of the checkout holding these classes
 * ({@code src/target/classes}); else the running JVM with its own class path.
 */
public final class ChildProcessLauncher implements GuestLauncher {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private final List<String> launcher;
    private final String memory;
    private final Duration timeout;

    public ChildProcessLauncher(List<String> launcher, String memory, Duration timeout) {
        this.launcher = List.copyOf(launcher);
        this.memory = memory;
        this.timeout = timeout;
    }

    /** The launcher found as described above, 512M of guest RAM, the given timeout per boot. */
    public static ChildProcessLauncher locate(Duration timeout) {
        return new ChildProcessLauncher(findLauncher(), "512M", timeout);
    }

    public List<String> launcher() {
        return launcher;
    }

    static List<String> findLauncher() {
        String property = System.getProperty("jkvm.launcher");
        if (property != null && !property.isBlank()) return List.of(property);
        String root = System.getenv("JKVM_PROJECT_ROOT");
        if (root != null && !root.isBlank()) {
            Path jkvm = Path.of(root, "bin", "jkvm");
            if (Files.isExecutable(jkvm)) return List.of(jkvm.toString());
        }
        Optional<Path> checkout = checkoutRoot();
        if (checkout.isPresent() && Files.isExecutable(checkout.get().resolve("bin/jkvm"))) {
            return List.of(checkout.get().resolve("bin/jkvm").toString());
        }
        Optional<String> java = ProcessHandle.current().info().command();
        String classPath = System.getProperty("java.class.path", "");
        if (java.isEmpty() || classPath.isEmpty()) {
            throw new VmmException("bin/jkvm is not built yet and this JVM's command is unknown: run `make build` "
                    + "(or set JKVM_PROJECT_ROOT or -Djkvm.launcher=PATH)");
        }
        return List.of(java.get(), "--enable-native-access=ALL-UNNAMED", "-cp", classPath, "dev.jkvm.cli.Main");
    }

    private static Optional<Path> checkoutRoot() {
        try {
            var source = ChildProcessLauncher.class.getProtectionDomain().getCodeSource();
            if (source == null) return Optional.empty();
            Path classes = Path.of(source.getLocation().toURI());
            // <root>/src/target/classes
            Path root = classes.getParent() == null ? null : classes.getParent().getParent();
            return Optional.ofNullable(root == null ? null : root.getParent());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public RunResult launch(RunRequest request) {
        List<String> command = new ArrayList<>(launcher);
        command.add("run");
        command.addAll(request.runArguments(memory));
        Path out = request.directory().resolve(request.stem() + ".stdout");
        Path err = request.directory().resolve(request.stem() + ".stderr");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        OptionalLong cpuBefore = HostCpuTime.children();
        long start = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new VmmException(request.model().id() + ": cannot start " + command.getFirst() + ": " + e.getMessage());
        }
        Duration sampled = Duration.ZERO;
        int status;
        try {
            long deadline = start + timeout.toNanos();
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                sampled = process.info().totalCpuDuration().orElse(sampled);
                if (System.nanoTime() > deadline) {
                    process.destroy();
                    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
                    throw new VmmException(request.model().id() + (request.nullPhase() ? " (baseline)" : "")
                            + ": the guest did not finish within " + timeout.toSeconds() + " s; console: " + request.consoleFile());
                }
            }
            status = process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new VmmException(request.model().id() + ": interrupted");
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        OptionalLong cpuAfter = HostCpuTime.children();
        Duration cpu = cpuBefore.isPresent() && cpuAfter.isPresent()
                ? Duration.ofNanos(cpuAfter.getAsLong() - cpuBefore.getAsLong()) : sampled;

        String console = readIfPresent(request.consoleFile());
        Workload.Log log = Workload.parse(console);
        String who = request.model().id() + (request.nullPhase() ? " (baseline boot)" : "");
        if (status == 125) {
            throw new VmmException(who + ": jkvm run failed: " + vmmMessage(readIfPresent(err)));
        }
        if (log.missingDevice().isPresent()) {
            throw new VmmException(who + ": the guest has no " + log.missingDevice().get() + " (is the " + request.model().id()
                    + " model attached and its driver loaded?); console: " + request.consoleFile());
        }
        if (log.status().isEmpty()) {
            throw new VmmException(who + ": jkvm run exited with status " + status + " before the workload finished: "
                    + vmmMessage(readIfPresent(err)) + "; console: " + request.consoleFile() + tail(console));
        }
        if (status != 0) {
            throw new VmmException(who + ": the workload failed with status " + status + "; console: " + request.consoleFile()
                    + tail(console));
        }
        if (!Files.isRegularFile(request.statsFile())) {
            throw new VmmException(who + ": jkvm run wrote no " + request.statsFile());
        }
        return new RunResult(request, ExitStats.read(request.statsFile()), log, cpu, wall);
    }

    /** The VMM's one-line message ("jkvm: ...") from its stderr, without the prefix. */
    static String vmmMessage(String stderr) {
        List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("jkvm: ")) return lines.get(i).substring(6);
        }
        return lines.isEmpty() ? "no message (status 125)" : lines.getLast();
    }

    private static String tail(String console) {
        List<String> lines = console.lines().toList();
        if (lines.isEmpty()) return "";
        return "; last lines:\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    private static String readIfPresent(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
