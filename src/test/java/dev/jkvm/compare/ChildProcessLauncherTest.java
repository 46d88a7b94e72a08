package dev.jkvm.compare;

import dev.jkvm.VmmException;
import dev.jkvm.config.AccelChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The child-process path, with a shell script standing in for bin/jkvm. */
class ChildProcessLauncherTest {
    @TempDir
    Path dir;

    private Path fake(String body) throws Exception {
        Path script = dir.resolve("fake-jkvm-" + Math.abs(body.hashCode()));
        Files.writeString(script, """
                #!/bin/sh
                echo "$@" > "$(dirname "$0")/args"
                while [ $# -gt 0 ]; do
                  case $1 in
                    --console) console=${2#file:}; shift ;;
                    --stats-json) stats=$2; shift ;;
                    --run) run=$2; shift ;;
                  esac
                  shift
                done
                """ + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private RunRequest request(boolean nullPhase) {
        Comparison c = Comparison.disk(1, 0);
        return new RunRequest(c, DeviceModel.VIRTIO_BLK, nullPhase, AccelChoice.TCG,
                Workload.script(c, DeviceModel.VIRTIO_BLK, nullPhase), Optional.of(dir.resolve("vda.img")), dir);
    }

    @Test
    void runsTheChildAndReadsItsOutputs() throws Exception {
        Path jkvm = fake("""
                i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done
                printf '%s\\n' "$run" > "$console.script"
                printf 'JKVM-CMP begin seq-read 1.00\\nJKVM-CMP end seq-read 1.50\\nJKVM-CMP end 0\\nJKVM-EXIT 0\\n' > "$console"
                printf '{"accelerator": "tcg", "vcpus": [{"index": 0, "exits": 4, "reasons": {"hlt": 4}}], "devices": []}\\n' > "$stats"
                exit 0
                """);
        ChildProcessLauncher launcher = new ChildProcessLauncher(List.of(jkvm.toString()), "256M", Duration.ofMinutes(1));
        RunResult r = launcher.launch(request(false));
        assertEquals(4, r.stats().exits());
        assertEquals(0.5, r.log().phase("seq-read").orElseThrow().seconds(), 1e-9);
        assertTrue(r.hostCpu().toMillis() > 0, "the child's CPU time: " + r.hostCpu());
        assertTrue(r.wall().compareTo(r.hostCpu()) >= 0 || r.hostCpu().toMillis() < 50);
        String args = Files.readString(dir.resolve("args"));
        assertTrue(args.startsWith("run --accel tcg --memory 256M --console file:" + dir.resolve("virtio-blk.console.log")), args);
        assertTrue(args.contains("--disk " + dir.resolve("vda.img") + ",if=virtio,format=raw"), args);
        assertEquals(request(false).script(), Files.readString(dir.resolve("virtio-blk.console.log.script")).stripTrailing().concat("\n"),
                "the script reaches --run intact");
    }

    @Test
    void aVmmFailureBecomesOneLineNamingTheModel() throws Exception {
        Path jkvm = fake("""
                echo "12:00:00.000 INFO accelerator: the software CPU" >&2
                echo "jkvm: the software CPU cannot boot guests yet: its system emulation (issue 6) is not built" >&2
                exit 125
                """);
        ChildProcessLauncher launcher = new ChildProcessLauncher(List.of(jkvm.toString()), "512M", Duration.ofMinutes(1));
        VmmException e = assertThrows(VmmException.class, () -> launcher.launch(request(true)));
        assertEquals("virtio-blk (baseline boot): jkvm run failed: the software CPU cannot boot guests yet: its system "
                + "emulation (issue 6) is not built", e.getMessage());
    }

    @Test
    void aMissingDeviceOrAFailedWorkloadIsReported() throws Exception {
        Path missing = fake("echo 'JKVM-CMP missing vda' > \"$console\"; echo 'JKVM-EXIT 3' >> \"$console\"; exit 3\n");
        VmmException e = assertThrows(VmmException.class,
                () -> new ChildProcessLauncher(List.of(missing.toString()), "512M", Duration.ofMinutes(1)).launch(request(false)));
        assertTrue(e.getMessage().startsWith("virtio-blk: the guest has no vda"), e.getMessage());
        Path failed = fake("echo 'dd: /dev/vda: Input/output error' > \"$console\"; echo 'JKVM-CMP end 1' >> \"$console\"; exit 1\n");
        e = assertThrows(VmmException.class,
                () -> new ChildProcessLauncher(List.of(failed.toString()), "512M", Duration.ofMinutes(1)).launch(request(false)));
        assertTrue(e.getMessage().contains("the workload failed with status 1") && e.getMessage().contains("Input/output error"), e.getMessage());
    }

    @Test
    void aCrashedVmmIsNotBlamedOnTheWorkload() throws Exception {
        Path crashed = fake("echo 'Exception in thread \"main\" java.lang.NoClassDefFoundError: dev/jkvm/X' >&2; exit 1\n");
        VmmException e = assertThrows(VmmException.class,
                () -> new ChildProcessLauncher(List.of(crashed.toString()), "512M", Duration.ofMinutes(1)).launch(request(false)));
        assertTrue(e.getMessage().startsWith("virtio-blk: jkvm run exited with status 1 before the workload finished: "
                + "Exception in thread \"main\" java.lang.NoClassDefFoundError: dev/jkvm/X"), e.getMessage());
    }

    @Test
    void aHungGuestTimesOut() throws Exception {
        Path hung = fake("exec sleep 30\n");
        VmmException e = assertThrows(VmmException.class,
                () -> new ChildProcessLauncher(List.of(hung.toString()), "512M", Duration.ofSeconds(1)).launch(request(false)));
        assertTrue(e.getMessage().contains("did not finish within 1 s"), e.getMessage());
    }

    @Test
    void findsALauncher() {
        List<String> launcher = ChildProcessLauncher.findLauncher();
        assertTrue(launcher.getFirst().endsWith("bin/jkvm") || launcher.contains("dev.jkvm.cli.Main"), launcher.toString());
    }

    @Test
    void hostCpuTimeOfChildrenIsReadable() {
        assertTrue(HostCpuTime.children().isPresent(), "getrusage(RUSAGE_CHILDREN) through FFM");
    }
}
