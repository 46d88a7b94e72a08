package dev.jkvm.nested;

import dev.jkvm.VmmException;
import dev.jkvm.guest.GuestCache;
import dev.jkvm.testing.Requirements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * jkvm's KVM accelerator against a real /dev/kvm, on hosts without one: a first-level Linux guest under
 * QEMU TCG with AMD SVM (-cpu max) loads kvm_amd, and jkvm runs the default guest there with --accel kvm
 * (src/test/nested/run-in-l1.sh boots L1, src/test/nested/kvm-lane.sh runs the jkvm cases in it).
 * One L1 boot serves every case: each costs a JVM start and a guest boot under emulation.
 *
 * <p>Needs qemu-system-x86_64, the default guest (bin/jkvm guest build) and bin/jkvm (make build);
 * skips naming what is missing, unless CI=true. Run with `make test-kvm`.
 */
@Tag("kvm")
class NestedKvmTest {
    private static final long L1_TIMEOUT_SECONDS = 540;
    private static final Pattern UNAME = Pattern.compile("(?m)^Linux jkvm \\S+ .*x86_64.*$");

    private static Path scratch;
    private static Path out;
    private static String console;

    @BeforeAll
    static void runTheLaneInL1() throws IOException, InterruptedException {
        Requirements.require(onPath("qemu-system-x86_64"), "qemu-system-x86_64 (apt-get install qemu-system-x86)");
        GuestCache cache = GuestCache.fromEnvironment();
        Requirements.require(defaultGuestBuilt(cache), "the default guest (`make guest` or `bin/jkvm guest build`)");
        Path project = projectRoot();
        Requirements.require(Files.isExecutable(project.resolve("bin/jkvm")), "bin/jkvm (`make build`)");
        Path nested = project.resolve("src/test/nested");

        NestedHostImage.Image image = NestedHostImage.ensure(cache, nested.resolve("l1-init.sh"), System.out::println);
        scratch = Files.createTempDirectory("jkvm-nested");
        Path snapshot = snapshot(project, scratch.resolve("project"));
        out = Files.createDirectories(scratch.resolve("out"));

        ProcessBuilder l1 = new ProcessBuilder("sh", nested.resolve("run-in-l1.sh").toString(),
                "sh src/test/nested/kvm-lane.sh " + out)
                .redirectErrorStream(true);
        Map<String, String> env = l1.environment();
        env.put("L1_KERNEL", image.kernel().toString());
        env.put("L1_INITRD", image.initramfs().toString());
        env.put("L1_PROJECT", snapshot.toString());
        env.put("L1_OUT", out.toString());
        env.put("L1_TIMEOUT", Long.toString(L1_TIMEOUT_SECONDS));
        env.put("JKVM_CACHE", cache.root().toString());
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        long start = System.nanoTime();
        Process process = l1.start();
        console = stream(process.getInputStream());
        if (!process.waitFor(L1_TIMEOUT_SECONDS + 30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("run-in-l1.sh did not end in " + (L1_TIMEOUT_SECONDS + 30) + " s");
        }
        System.out.printf("L1 lane: run-in-l1.sh exited %d after %.1f s%n", process.exitValue(), (System.nanoTime() - start) / 1e9);
        assertTrue(console.contains("L1-READY kvm=yes"), "the L1 guest has no /dev/kvm; its console:\n" + console);
        assertEquals(0, process.exitValue(), "run-in-l1.sh failed; its console:\n" + console);
    }

    @AfterAll
    static void deleteScratch() throws IOException {
        if (scratch == null) return;
        try (Stream<Path> walk = Files.walk(scratch)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Test
    void oneVcpuBootsTheDefaultGuestAndRunsTheCommand() throws IOException {
        String log = log("one");
        assertEquals(0, status("one"), log);
        assertTrue(log.contains("JKVM-READY"), "no JKVM-READY:\n" + log);
        assertTrue(UNAME.matcher(log).find(), "no uname -a line:\n" + log);
        assertTrue(Pattern.compile("(?m)^1$").matcher(log).find(), "the guest should count 1 processor:\n" + log);
    }

    @Test
    void oneVcpuCountsExits() throws IOException {
        String json = Files.readString(out.resolve("one.stats.json"));
        assertEquals("kvm", string(json, "accelerator"), json);
        assertTrue(number(json, "exits") > 0, "no exits counted: " + json);
        assertTrue(number(json, "io_out") > 0, "no io_out exits counted: " + json);
        assertTrue(number(json, "io_in") > 0, "no io_in exits counted: " + json);
    }

    @Test
    void twoVcpusBothComeUp() throws IOException {
        String log = log("two");
        assertEquals(0, status("two"), log);
        assertTrue(log.contains("JKVM-READY"), "no JKVM-READY:\n" + log);
        assertTrue(UNAME.matcher(log).find(), "no uname -a line:\n" + log);
        assertTrue(Pattern.compile("(?m)^2$").matcher(log).find(), "the guest should count 2 processors:\n" + log);
        String json = Files.readString(out.resolve("two.stats.json"));
        assertTrue(json.contains("\"index\": 1"), "no statistics for vCPU 1: " + json);
        assertTrue(number(json, "io_out") > 0, "no io_out exits counted: " + json);
    }

    @Test
    void theCommandsExitStatusBecomesJkvms() throws IOException {
        String log = log("exit3");
        assertTrue(log.contains("about to exit 3"), "the command did not run:\n" + log);
        assertEquals(3, status("exit3"), log);
    }

    private static String log(String name) throws IOException {
        Path file = out.resolve(name + ".log");
        if (!Files.isRegularFile(file)) fail("the case " + name + " did not run in L1; the L1 console:\n" + console);
        return Files.readString(file).replace("\r", "");
    }

    private static int status(String name) throws IOException {
        return Integer.parseInt(Files.readString(out.resolve(name + ".status")).strip());
    }

    /** The first number for the key in the JSON text. */
    private static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) fail("no \"" + key + "\" in " + json);
        return Long.parseLong(m.group(1));
    }

    private static String string(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
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
        for (String file : List.of("bin/jkvm", "src/test/nested/kvm-lane.sh")) {
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

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
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
