package dev.jkvm.tcg.diff;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Differential test of the interpreter against the host CPU: random and edge-case states for every
 * form in {@link AllForms}, run natively by cpu_diff_runner (built with gcc) and on the model.
 * System properties: cpu.diff.seed, cpu.diff.cases (per form; soak with a large value),
 * cpu.diff.filter (substring of form names).
 */
class CpuDiffTest {
    private static final int BATCH = 20_000;
    private static final int REPORTED_MISMATCHES = 40;
    private static final int REPORTED_PER_FORM = 2;

    @Test
    void interpreterMatchesHostCpu() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean x86Linux = System.getProperty("os.arch").equals("amd64") && System.getProperty("os.name").equals("Linux");
        if (!x86Linux) {
            if (ci) fail("cpu-diff needs an x86-64 Linux host");
            Assumptions.abort("cpu-diff needs an x86-64 Linux host");
        }
        NativeRunner runner = NativeRunner.build(Path.of(System.getProperty("basedir", ".")));
        if (runner == null) {
            String message = "cpu-diff skipped: gcc not found (install gcc to build src/test/c/cpu_diff_runner.c)";
            System.out.println(message);
            if (ci) fail(message);
            Assumptions.abort(message);
        }
        long seed = Long.getLong("cpu.diff.seed", 0x6b766dL);
        int perForm = Integer.getInteger("cpu.diff.cases", 48);
        String filter = System.getProperty("cpu.diff.filter", "");
        List<Form> forms = AllForms.forms().stream().filter(f -> f.name().contains(filter)).toList();
        Random random = new Random(seed);

        int cases = 0, mismatches = 0;
        List<String> report = new ArrayList<>();
        java.util.Map<String, Integer> mismatchesByForm = new java.util.TreeMap<>();
        try (Arena arena = Arena.ofConfined()) {
            ModelRunner interpreted = new ModelRunner(arena, false);
            ModelRunner compiled = new ModelRunner(arena, true);
            List<TestCase> batch = new ArrayList<>();
            for (int f = 0; f < forms.size(); f++) {
                for (int i = 0; i < perForm; i++) {
                    CaseBuilder builder = new CaseBuilder(new Random(random.nextLong()));
                    forms.get(f).generator().accept(builder);
                    batch.add(builder.build(forms.get(f)));
                }
                if (batch.size() >= BATCH || f == forms.size() - 1) {
                    List<MachineState> expected = runner.run(batch);
                    for (int i = 0; i < batch.size(); i++) {
                        TestCase c = batch.get(i);
                        List<String> d = new ArrayList<>(StateComparison.differences(c, expected.get(i), interpreted.run(c)));
                        StateComparison.differences(c, expected.get(i), compiled.run(c)).forEach(x -> d.add("compiled: " + x));
                        if (!d.isEmpty()) {
                            mismatches++;
                            int seen = mismatchesByForm.merge(c.form().name(), 1, Integer::sum);
                            if (seen <= REPORTED_PER_FORM && report.size() < REPORTED_MISMATCHES) {
                                report.add(StateComparison.describe(c) + "\n    " + d);
                            }
                        }
                    }
                    cases += batch.size();
                    batch.clear();
                }
            }
        }
        report.forEach(System.out::println);
        if (!mismatchesByForm.isEmpty()) System.out.println("mismatches by form: " + mismatchesByForm);
        String summary = String.format("cpu-diff: %d forms, %d cases, %d mismatches", forms.size(), cases, mismatches);
        System.out.println(summary);
        assertEquals(0, mismatches, summary);
    }
}
