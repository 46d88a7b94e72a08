package dev.jkvm.accel.tcg;

import dev.jkvm.cli.Main;
import dev.jkvm.guest.BuiltGuest;
import dev.jkvm.guest.CpioNewcReader;
import dev.jkvm.guest.GuestCache;
import dev.jkvm.json.Json;
import dev.jkvm.testing.DeviceWorkloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default guest on the software CPU, driven through `jkvm run` as a user would. */
class SoftwareCpuBootTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "--cpus {0}")
    @ValueSource(ints = {1, 2})
    void bootsAndRunsACommand(int cpus) throws Exception {
        GuestCache.DefaultGuest guest = BuiltGuest.require();
        Path console = dir.resolve("console.log");
        Path stats = dir.resolve("stats.json");
        int status = Main.execute("run", "--accel", "tcg", "--cpus", Integer.toString(cpus), "--console", "file:" + console,
                "--stats-json", stats.toString(), "--run", "uname -a; grep -c ^processor /proc/cpuinfo; grep 'model name' /proc/cpuinfo | head -1; md5sum /bin/busybox");
        String log = Files.readString(console);
        assertEquals(0, status, log);
        List<String> lines = log.lines().map(String::strip).toList();
        int ready = lines.indexOf("JKVM-READY");
        assertTrue(ready >= 0, log);
        List<String> output = lines.subList(ready + 1, lines.size());
        assertTrue(output.getFirst().startsWith("Linux jkvm " + guest.kernelVersion().replace("-amd64", "")), log);
        assertEquals(Integer.toString(cpus), output.get(1), log);
        assertTrue(output.get(2).endsWith("jkvm software x86-64 CPU"), log);
        assertEquals(busyboxMd5(guest) + "  /bin/busybox", output.get(3), log);

        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(Files.readString(stats));
        assertEquals("tcg", json.get("accelerator"));
        assertEquals(cpus, Json.array(json.get("vcpus"), "vcpus").size());
        assertTrue(Json.array(json.get("devices"), "devices").stream()
                .anyMatch(d -> "serial-com1".equals(((Map<?, ?>) d).get("name"))), "the console's accesses are counted");
    }

    @Test
    void theCommandsStatusIsJkvmsStatus() {
        BuiltGuest.require();
        int status = Main.execute("run", "--accel", "tcg", "--console", "none", "--run", "exit 7");
        assertEquals(7, status);
    }

    private static String busyboxMd5(GuestCache.DefaultGuest guest) throws Exception {
        byte[] busybox = CpioNewcReader.readGzip(guest.initramfs()).get("bin/busybox").data();
        return DeviceWorkloads.md5(busybox);
    }
}
