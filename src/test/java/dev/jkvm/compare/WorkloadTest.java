package dev.jkvm.compare;

import dev.jkvm.guest.BuiltGuest;
import dev.jkvm.guest.CpioNewcReader;
import dev.jkvm.guest.GuestCache;
import dev.jkvm.guest.GuestCommandLine;
import dev.jkvm.testing.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadTest {
    @TempDir
    Path dir;

    @Test
    void everyScriptFitsOnTheKernelCommandLine() {
        for (Comparison c : List.of(Comparison.disk(4096, 1_000_000), Comparison.net(4096, 1_000_000))) {
            for (DeviceModel m : c.models()) {
                for (boolean nullPhase : new boolean[]{false, true}) {
                    String script = Workload.script(c, m, nullPhase);
                    assertTrue(script.getBytes(StandardCharsets.UTF_8).length <= GuestCommandLine.MAX_COMMAND_BYTES,
                            m.id() + " script is " + script.length() + " bytes:\n" + script);
                    GuestCommandLine.encodeRun(script);
                }
            }
        }
    }

    @Test
    void diskScriptUsesTheModelsDeviceAndDirectIo() {
        String ide = Workload.script(Comparison.disk(8, 256), DeviceModel.IDE_DMA, false);
        assertTrue(ide.startsWith("d=sda n=8 r=256 b=5120 "), ide);
        assertTrue(ide.contains("iflag=direct") && ide.contains("oflag=direct") && ide.contains("bs=4k"), ide);
        assertTrue(Workload.script(Comparison.disk(8, 256), DeviceModel.VIRTIO_BLK, false).startsWith("d=vda "));
        String nul = Workload.script(Comparison.disk(8, 256), DeviceModel.IDE_DMA, true);
        assertFalse(nul.contains("dd "), "the baseline moves nothing:\n" + nul);
        assertTrue(nul.contains("m begin seq-read;m end seq-read"), nul);
    }

    @Test
    void netScriptConfiguresEth0AndTalksToThePeer() {
        String s = Workload.script(Comparison.net(8, 100), DeviceModel.E1000, false);
        assertTrue(s.contains("ip addr add 10.0.2.15/24 dev eth0;ip link set eth0 up"), s);
        assertTrue(s.contains("|nc 10.0.2.2 9 >/dev/null") && s.contains("echo $((n*1048576))|nc 10.0.2.2 19|dd"), s);
        assertTrue(s.contains("ping -c $p -A"), s);
        String nul = Workload.script(Comparison.net(8, 100), DeviceModel.E1000, true);
        assertTrue(nul.contains("ip link set eth0 up"), "the baseline does the same setup");
        assertFalse(nul.contains("nc ") || nul.contains("ping "), nul);
        assertFalse(Workload.script(Comparison.net(8, 0), DeviceModel.E1000, false).contains("ping "), "ping -c 0 never ends");
    }

    @Test
    void parsesMarkersAmidKernelNoise() {
        String console = """
                [    1.234567] virtio_blk virtio0: [vda] 40960 512-byte logical blocks
                JKVM-READY
                JKVM-CMP stat 0 10 0 80 3 0 0 0 0 0 4 3
                JKVM-CMP begin seq-read 2.50
                [    2.600000] random: crng init done
                JKVM-CMP end seq-read 2.75
                JKVM-CMP begin seq-write 2.75JKVM-CMP end seq-write 3.00
                JKVM-CMP warn ping
                JKVM-CMP stat 1 30 0 16464 9 20 0 16384 12 0 20 21
                JKVM-CMP end 0
                JKVM-EXIT 0
                """;
        Workload.Log log = Workload.parse(console);
        assertEquals(0.25, log.phase("seq-read").orElseThrow().seconds(), 1e-9);
        assertTrue(log.phase("seq-write").isEmpty(), "a mangled line is not misread");
        assertEquals(40, log.diskRequests().value());
        assertEquals((16384L + 16384) * 512, log.diskBytes().value());
        assertEquals(List.of("unreadable marker line: JKVM-CMP begin seq-write 2.75JKVM-CMP end seq-write 3.00", "ping"), log.warnings());
        assertEquals(0, log.status().orElseThrow());
    }

    /**
     * Runs the disk script under the default guest's own busybox on the host, against a file standing in for the
     * disk and a fake /sys/block stat file: the script's syntax, its dd options and its markers.
     */
    @Test
    void diskScriptRunsUnderTheGuestsBusybox() throws Exception {
        Optional<Path> busybox = guestBusybox();
        Requirements.require(busybox.isPresent(), "the default guest (bin/jkvm guest build) for its busybox");
        Path disk = dir.resolve("sda");
        Comparison c = Comparison.disk(2, 20);
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(c.diskImageBytes());
        }
        Path stat = dir.resolve("stat");
        Files.writeString(stat, "1 2 3 4 5 6 7 8 9 10 11\n");
        String script = Workload.script(c, DeviceModel.IDE_DMA, false)
                .replace("/sys/block/$d/stat", stat.toString())
                .replace("[ -b /dev/$d ]", "[ -f " + disk + " ]")
                .replace("/dev/$d", disk.toString());
        Process p = new ProcessBuilder(busybox.get().toString(), "sh", "-c", script).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        Workload.Log log = Workload.parse(out);
        assertEquals(List.of("seq-read", "seq-write", "rand-read"), List.copyOf(log.phases().keySet()), out);
        assertEquals(0, log.status().orElseThrow(), out);
        assertEquals(0, log.diskRequests().value());
        assertEquals(c.diskImageBytes(), Files.size(disk), "the write stays within the image");
        String nul = Workload.script(c, DeviceModel.IDE_DMA, true).replace("/sys/block/$d/stat", stat.toString())
                .replace("[ -b /dev/$d ]", "[ -f " + disk + " ]");
        Process q = new ProcessBuilder(busybox.get().toString(), "sh", "-c", nul).redirectErrorStream(true).start();
        assertTrue(q.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, q.exitValue());
        // The net script cannot reach a peer here; busybox checks its syntax.
        Process n = new ProcessBuilder(busybox.get().toString(), "sh", "-n", "-c",
                Workload.script(Comparison.net(2, 5), DeviceModel.VIRTIO_NET, false)).redirectErrorStream(true).start();
        assertTrue(n.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, n.exitValue(), new String(n.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** bin/busybox from the default guest's initramfs, extracted into the temp dir. */
    private Optional<Path> guestBusybox() throws IOException {
        Optional<GuestCache.DefaultGuest> guest = BuiltGuest.find();
        if (guest.isEmpty()) return Optional.empty();
        CpioNewcReader.Entry busybox = CpioNewcReader.readGzip(guest.get().initramfs()).get("bin/busybox");
        if (busybox == null) return Optional.empty();
        Path file = dir.resolve("busybox");
        Files.write(file, busybox.data());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return Optional.of(file);
    }
}
