package dev.jkvm.compare;

import dev.jkvm.json.Json;
import dev.jkvm.cli.Main;
import dev.jkvm.testing.Requirements;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `jkvm compare disk` and `jkvm compare net` on the software CPU with a small workload, checking the issue's
 * claims from measurement: virtio-blk needs at least 5x fewer exits per MiB than IDE DMA, virtio-net fewer than
 * e1000; the JSON validates against the schema; the SVG has one bar per device.
 *
 * <p>The disk comparison is tagged "e2e-compare" (make test-compare, part of make test); the net comparison
 * "e2e-compare-net" (make test-compare-net), which fails today: virtio-net still makes more exits per MiB
 * than e1000 on the software CPU. Both need the software CPU to boot the default guest and the IDE, virtio and e1000
 * models, which are being built. Until they are, it skips on a developer machine with a message naming what is
 * missing, as the VMM itself reports it: `jkvm run --accel tcg --run true` failing with "the software CPU cannot
 * boot guests yet" (or any other VMM error, status 125, while the CPU's system part is being finished), or the
 * comparison failing with a model's "... is not built yet". Under CI=true it fails instead,
 * as every missing component does: keep the tag out of `make test` (surefire excludedGroups) until then. Any
 * other failure fails the test.
 */
class CompareEndToEndTest {
    private static final String NO_CPU = "the software CPU cannot boot guests yet";
    private static final String NOT_BUILT = "not built yet";

    @TempDir
    Path dir;

    private static String cpuProbe;

    /**
     * Asks the VMM once whether the software CPU boots the default guest: `jkvm run --accel tcg --run true`.
     * Returns null when it does, else its one-line error.
     */
    private static synchronized String softwareCpuProblem() throws Exception {
        if (cpuProbe != null) return cpuProbe.isEmpty() ? null : cpuProbe;
        List<String> cmd = new ArrayList<>(ChildProcessLauncher.findLauncher());
        cmd.addAll(List.of("run", "--accel", "tcg", "--console", "none", "--run", "true"));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("jkvm run --accel tcg --run true did not finish in 20 minutes");
        }
        String stderr = new String(err, StandardCharsets.UTF_8);
        if (p.exitValue() == 0) {
            cpuProbe = "";
        } else if (p.exitValue() == 125) {
            // "the software CPU cannot boot guests yet", or, while its system part is being finished, where it stops.
            cpuProbe = ChildProcessLauncher.vmmMessage(stderr);
        } else {
            throw new AssertionError("jkvm run --accel tcg --run true failed with status " + p.exitValue() + ":\n" + stderr);
        }
        return cpuProbe.isEmpty() ? null : cpuProbe;
    }

    private static void requireSoftwareCpu() throws Exception {
        String problem = softwareCpuProblem();
        String what = problem != null && problem.contains(NO_CPU) ? "the software CPU cannot boot guests yet"
                : "the software CPU does not boot the default guest yet";
        skipOrFail(problem == null, what + " (jkvm run --accel tcg --run true says: " + problem + ")");
    }

    /** A device model the VMM says is not built yet is a missing component too; any other failure fails. */
    private static void requireSuccess(Result r) {
        if (r.status() == 0) return;
        String message = ChildProcessLauncher.vmmMessage(r.err());
        skipOrFail(!message.contains(NOT_BUILT), "a device model is not built yet (jkvm compare says: " + message + ")");
        throw new AssertionError("jkvm compare failed with status " + r.status() + ":\n" + r.err());
    }

    private static void skipOrFail(boolean present, String missing) {
        if (present) return;
        String message = "e2e-compare: " + missing + "; this test joins make test once jkvm run --accel tcg boots with --disk and --nic";
        if (Requirements.onCi()) throw new AssertionError(message + " (CI=true forbids skipping: exclude the e2e-compare tag until then)");
        Assumptions.abort(message);
    }

    private record Result(int status, String out, String err) {}

    private static Result jkvm(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true));
        System.setErr(new PrintStream(e, true));
        try {
            return new Result(Main.execute(args), o.toString(), e.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Map<String, Double> exitsPerMib(Path json) throws Exception {
        Object parsed = Json.parse(Files.readString(json));
        assertEquals(List.of(), new JsonSchemaValidator(JsonReport.schema()).validate(parsed));
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (Object d : Json.array(Json.object(parsed, "root").get("devices"), "devices")) {
            Map<String, Object> device = Json.object(d, "device");
            Object perMib = Json.object(device.get("exits"), "exits").get("per_mib");
            assertTrue(perMib instanceof Number, device.get("model") + " has no exits per MiB");
            out.put((String) device.get("model"), ((Number) perMib).doubleValue());
        }
        return out;
    }

    private void checkSvg(Path svg, List<String> models) throws Exception {
        var doc = SvgChartTest.parse(Files.readString(svg));
        assertEquals(models, SvgChartTest.byClass(doc, "g", "bar").stream().map(b -> b.getAttribute("data-device")).toList());
    }

    @Test
    @Tag("e2e-compare")
    @Timeout(value = 90, unit = TimeUnit.MINUTES)
    void virtioBlkNeedsFiveTimesFewerExitsPerMibThanIdeDma() throws Exception {
        requireSoftwareCpu();
        Path json = dir.resolve("disk.json"), svg = dir.resolve("disk.svg");
        Result r = jkvm("compare", "disk", "--accel", "tcg", "--size", "2", "--random-reads", "32",
                "--json", json.toString(), "--svg", svg.toString(), "--keep", dir.resolve("runs").toString());
        requireSuccess(r);
        System.out.println(r.out());
        Map<String, Double> perMib = exitsPerMib(json);
        double ide = perMib.get("ide-dma"), virtio = perMib.get("virtio-blk");
        assertTrue(virtio > 0, "virtio-blk must cost something: " + perMib);
        assertTrue(ide >= 5 * virtio, "ide-dma " + ide + " exits/MiB vs virtio-blk " + virtio + "\n" + r.out());
        checkSvg(svg, List.of("ide-pio", "ide-dma", "virtio-blk"));
        assertTrue(r.out().contains("ide-dma: "), r.out());
    }

    @Test
    @Tag("e2e-compare-net")
    @Timeout(value = 90, unit = TimeUnit.MINUTES)
    void virtioNetNeedsFewerExitsPerMibThanE1000() throws Exception {
        requireSoftwareCpu();
        Path json = dir.resolve("net.json"), svg = dir.resolve("net.svg");
        Result r = jkvm("compare", "net", "--accel", "tcg", "--size", "2", "--packets", "32",
                "--json", json.toString(), "--svg", svg.toString(), "--keep", dir.resolve("runs").toString());
        requireSuccess(r);
        System.out.println(r.out());
        Map<String, Double> perMib = exitsPerMib(json);
        assertTrue(perMib.get("virtio-net") < perMib.get("e1000"), perMib + "\n" + r.out());
        checkSvg(svg, List.of("e1000", "virtio-net"));
    }
}
