package dev.jkvm.nested;

import dev.jkvm.VmmException;
import dev.jkvm.guest.GuestCache;
import dev.jkvm.json.Json;
import dev.jkvm.testing.Requirements;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One boot of the first-level guest (src/test/nested/run-in-l1.sh) running src/test/nested/kvm-lane.sh (or
 * kvm-exits.sh) with a list of cases; each case leaves OUT/&lt;case&gt;.log, .status and maybe .stats.json, which the tests read.
 * {@link #prepare()} checks the host components (skipping the test class, or failing under CI=true) and
 * snapshots the project; the caller may put inputs into {@link #out()} before {@link #run}.
 */
final class NestedLane implements AutoCloseable {
    private static final Pattern END = Pattern.compile("(?m)^=== END (\\S+) status=(\\d+) seconds=(\\d+)$");

    private final Path project;
    private final GuestCache cache;
    private final NestedHostImage.Image image;
    private final Path scratch;
    private final Path snapshot;
    private final Path out;
    private String console = "";

    private NestedLane(Path project, GuestCache cache, NestedHostImage.Image image, Path scratch, Path snapshot, Path out) {
        this.project = project;
        this.cache = cache;
        this.image = image;
        this.scratch = scratch;
        this.snapshot = snapshot;
        this.out = out;
    }

    static NestedLane prepare() throws IOException {
        Requirements.require(onPath("qemu-system-x86_64"), "qemu-system-x86_64 (apt-get install qemu-system-x86)");
        GuestCache cache = GuestCache.fromEnvironment();
        Requirements.require(defaultGuestBuilt(cache), "the default guest (`make guest` or `bin/jkvm guest build`)");
        Path project = projectRoot();
        Requirements.require(Files.isExecutable(project.resolve("bin/jkvm")), "bin/jkvm (`make build`)");
        NestedHostImage.Image image = NestedHostImage.ensure(cache, project.resolve("src/test/nested/l1-init.sh"), System.out::println);
        Path scratch = Files.createTempDirectory("jkvm-nested");
        Path snapshot = snapshot(project, scratch.resolve("project"));
        Path out = Files.createDirectories(scratch.resolve("out"));
        return new NestedLane(project, cache, image, scratch, snapshot, out);
    }

    /** The read-write share: inputs before {@link #run}, the cases' files after. */
    Path out() {
        return out;
    }

    String console() {
        return console;
    }

    /** Boots L1, runs kvm-lane.sh's cases there and asserts that L1 came up with a /dev/kvm and the lane ended normally. */
    void run(long timeoutSeconds, List<String> cases) throws IOException, InterruptedException {
        run(timeoutSeconds, "sh src/test/nested/kvm-lane.sh", cases);
    }

    /** The same with another lane script: {@code script OUT CASE...} runs in the project directory in L1. */
    void run(long timeoutSeconds, String script, List<String> cases) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script, out.toString()));
        command.addAll(cases);
        ProcessBuilder l1 = new ProcessBuilder("sh", project.resolve("src/test/nested/run-in-l1.sh").toString(),
                String.join(" ", command))
                .redirectErrorStream(true);
        Map<String, String> env = l1.environment();
        env.put("L1_KERNEL", image.kernel().toString());
        env.put("L1_INITRD", image.initramfs().toString());
        env.put("L1_PROJECT", snapshot.toString());
        env.put("L1_OUT", out.toString());
        env.put("L1_TIMEOUT", Long.toString(timeoutSeconds));
        env.put("JKVM_CACHE", cache.root().toString());
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        long start = System.nanoTime();
        Process process = l1.start();
        console = stream(process.getInputStream());
        if (!process.waitFor(timeoutSeconds + 30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("run-in-l1.sh did not end in " + (timeoutSeconds + 30) + " s");
        }
        System.out.printf("L1 lane: run-in-l1.sh exited %d after %.1f s%n", process.exitValue(), (System.nanoTime() - start) / 1e9);
        Matcher end = END.matcher(console);
        while (end.find()) System.out.printf("L1 lane: case %s status %s in %s s%n", end.group(1), end.group(2), end.group(3));
        assertTrue(console.contains("L1-READY kvm=yes"), "the L1 guest has no /dev/kvm; its console:\n" + console);
        assertEquals(0, process.exitValue(), "run-in-l1.sh failed; its console:\n" + console);
    }

    /** jkvm's output in the case, carriage returns removed; fails naming the console when the case did not run. */
    String log(String name) throws IOException {
        Path file = out.resolve(name + ".log");
        if (!Files.isRegularFile(file)) fail("the case " + name + " did not run in L1; the L1 console:\n" + console);
        return Files.readString(file).replace("\r", "");
    }

    int status(String name) throws IOException {
        return Integer.parseInt(Files.readString(out.resolve(name + ".status")).strip());
    }

    String stats(String name) throws IOException {
        Path file = out.resolve(name + ".stats.json");
        if (!Files.isRegularFile(file)) fail("the case " + name + " wrote no statistics; its log:\n" + log(name));
        return Files.readString(file);
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> walk = Files.walk(scratch)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** The first number for the key in the JSON text. */
    static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) fail("no \"" + key + "\" in " + json);
        return Long.parseLong(m.group(1));
    }

    /**
     * Every vCPU's exit counts agree with KVM's own statistics (KVM_GET_STATS_FD, which the L1 kernel has), and
     * the MMIO check, the one-for-one one, is among them.
     */
    static void assertCountersAgree(String json) {
        for (Object o : Json.array(Json.object(Json.parse(json), "stats").get("vcpus"), "vcpus")) {
            Map<String, Object> vcpu = Json.object(o, "vcpu");
            List<Object> checks = Json.array(vcpu.get("counter_checks"), "counter_checks of vCPU " + vcpu.get("index"));
            assertTrue(checks.stream().anyMatch(c -> "mmio_exits".equals(Json.object(c, "check").get("counter"))), json);
            assertEquals(Boolean.TRUE, vcpu.get("counters_agree"), "jkvm's counts and KVM's disagree: " + checks);
        }
    }

    static String string(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    /** Copies the output to stdout as it comes (the lane is slow, progress matters) and returns all of it. */
    private static String stream(InputStream in) throws IOException {
        StringBuilder all = new StringBuilder();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) > 0; ) {
            System.out.write(buffer, 0, n);
            System.out.flush();
            all.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    /**
     * bin/jkvm, the built classes and dependencies, and the lane script, copied: other builds in the same
     * tree (mvn compile, make build) rewrite src/target/classes, which a JVM in L1 reads lazily over 9p.
     */
    private static Path snapshot(Path project, Path target) throws IOException {
        for (String dir : List.of("src/target/classes", "src/target/lib")) copyTree(project.resolve(dir), target.resolve(dir));
        for (String file : List.of("bin/jkvm", "src/test/nested/kvm-lane.sh", "src/test/nested/kvm-exits.sh")) {
            Files.createDirectories(target.resolve(file).getParent());
            Files.copy(project.resolve(file), target.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        return target;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean defaultGuestBuilt(GuestCache cache) {
        try {
            cache.current();
            return true;
        } catch (VmmException notBuilt) {
            return false;
        }
    }

    private static Path projectRoot() {
        String root = System.getenv("JKVM_PROJECT_ROOT");
        if (root != null && Files.isDirectory(Path.of(root, "src/test/nested"))) return Path.of(root);
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("src/test/nested"))) return dir;
        }
        throw new IllegalStateException("cannot find the project root (src/test/nested) from " + here);
    }
}
