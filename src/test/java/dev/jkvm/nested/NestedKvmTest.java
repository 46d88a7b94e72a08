package dev.jkvm.nested;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static NestedLane lane;

    @BeforeAll
    static void runTheLaneInL1() throws IOException, InterruptedException {
        lane = NestedLane.prepare();
        lane.run(L1_TIMEOUT_SECONDS, List.of("one", "two"));
    }

    @AfterAll
    static void deleteScratch() throws IOException {
        if (lane != null) lane.close();
    }

    @Test
    void oneVcpuBootsTheDefaultGuestAndRunsTheCommand() throws IOException {
        String log = lane.log("one");
        assertEquals(0, lane.status("one"), log);
        assertTrue(log.contains("JKVM-READY"), "no JKVM-READY:\n" + log);
        assertTrue(UNAME.matcher(log).find(), "no uname -a line:\n" + log);
        assertTrue(Pattern.compile("(?m)^1$").matcher(log).find(), "the guest should count 1 processor:\n" + log);
    }

    @Test
    void oneVcpuCountsExits() throws IOException {
        String json = lane.stats("one");
        assertEquals("kvm", NestedLane.string(json, "accelerator"), json);
        assertTrue(NestedLane.number(json, "exits") > 0, "no exits counted: " + json);
        assertTrue(NestedLane.number(json, "io_out") > 0, "no io_out exits counted: " + json);
        assertTrue(NestedLane.number(json, "io_in") > 0, "no io_in exits counted: " + json);
        NestedLane.assertCountersAgree(json);
    }

    @Test
    void twoVcpusBothComeUp() throws IOException {
        String log = lane.log("two");
        assertTrue(log.contains("JKVM-READY"), "no JKVM-READY:\n" + log);
        assertTrue(UNAME.matcher(log).find(), "no uname -a line:\n" + log);
        assertTrue(Pattern.compile("(?m)^2$").matcher(log).find(), "the guest should count 2 processors:\n" + log);
        String json = lane.stats("two");
        assertTrue(json.contains("\"index\": 1"), "no statistics for vCPU 1: " + json);
        assertTrue(NestedLane.number(json, "io_out") > 0, "no io_out exits counted: " + json);
        NestedLane.assertCountersAgree(json);
    }

    @Test
    void theCommandsExitStatusBecomesJkvms() throws IOException {
        String log = lane.log("two");
        assertTrue(log.contains("about to exit 3"), "the command did not run to its end:\n" + log);
        assertEquals(3, lane.status("two"), log);
    }
}
