package dev.jkvm.nested;

import dev.jkvm.json.Json;
import dev.jkvm.testing.DeviceWorkloads;
import dev.jkvm.testing.Requirements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * jkvm's disks and NICs under KVM, driven by the default guest's own Linux drivers (ata_piix with bus-master DMA
 * and in PIO mode, virtio_blk on raw and qcow2 images, e1000 and virtio_net over the user network), in one boot
 * of the nested lane (src/test/nested/kvm-lane.sh names the cases and what each guest command prints).
 *
 * <p>The host writes the disk images and the guest commands ({@link DeviceWorkloads}, the same as on the software
 * CPU) into the read-write share before L1 starts and checks them after; for qcow2 the guest writes a `seq -w`
 * pattern and qemu-img must find the image consistent and equal to the expected raw contents. Each case's exit counts
 * (per reason, and the busiest device registers) are printed for the exit-cost comparison.
 *
 * <p>Needs what {@link NestedKvmTest} needs and qemu-img. Run with `make test-kvm`.
 */
@Tag("kvm-devices")
class NestedDeviceTest {
    private static final long L1_TIMEOUT_SECONDS = 1500;
    private static final long MIB = DeviceWorkloads.MIB;
    private static final List<String> CASES = List.of("disk-ide-dma", "disk-ide-pio", "disk-virtio", "qcow2", "net-e1000", "net-virtio");
    /**
     * Each raw disk case's device in the guest and how much it reads and writes ({@link DeviceWorkloads#diskCopy}).
     * IDE PIO moves little: under nested KVM each exit takes milliseconds, and KVM hands `rep outs` to user space
     * one 4-byte element at a time (16,384 exits for the 64 KiB written).
     */
    private record RawDisk(String device, DeviceWorkloads.DiskSize size) {}
    private static final Map<String, RawDisk> RAW_DISKS = Map.of(
            "disk-ide-dma", new RawDisk("/dev/sda", DeviceWorkloads.DiskSize.mib(64)),
            "disk-ide-pio", new RawDisk("/dev/sda", new DeviceWorkloads.DiskSize(64, 1)),
            "disk-virtio", new RawDisk("/dev/vda", DeviceWorkloads.DiskSize.mib(64)));
    /** Each way over the NICs: less than on the software CPU (16 MiB), as e1000 sends about 0.5 MiB/s under nested KVM. */
    private static final long NET_BYTES = 4 * MIB;

    private static NestedLane lane;

    @BeforeAll
    static void runTheDeviceCasesInL1() throws IOException, InterruptedException {
        Requirements.require(NestedLane.onPath("qemu-img"), "qemu-img (apt-get install qemu-utils)");
        lane = NestedLane.prepare();
        for (Map.Entry<String, RawDisk> disk : RAW_DISKS.entrySet()) {
            String name = disk.getKey();
            DeviceWorkloads.writeDiskImage(lane.out().resolve(name + ".img"), disk.getValue().size(), name.hashCode());
            Files.writeString(lane.out().resolve(name + ".cmd"), DeviceWorkloads.diskCopy(disk.getValue().size(), disk.getValue().device()));
        }
        Files.writeString(lane.out().resolve("net.cmd"), DeviceWorkloads.netRoundTrip(NET_BYTES));
        qemuImg("create", "-f", "qcow2", lane.out().resolve("qcow2.qcow2").toString(), "64M");
        // -Dnested.cases=a,b runs only those (debugging one device without the others' boots).
        String only = System.getProperty("nested.cases", "");
        List<String> cases = only.isBlank() ? CASES : List.of(only.split(","));
        lane.run(L1_TIMEOUT_SECONDS, cases);
        for (String name : cases) printExitSummary(name);
    }

    @AfterAll
    static void deleteScratch() throws IOException {
        if (lane != null) lane.close();
    }

    @Test
    void ideWithBusMasterDmaReadsAndWritesTheImage() throws IOException {
        String log = rawDiskCase("disk-ide-dma");
        assertTrue(DeviceWorkloads.ataMode(log).contains("DMA"), "ata_piix should configure the drive for DMA:\n" + log);
        String json = lane.stats("disk-ide-dma");
        assertTrue(accesses(json, "piix3-ide-bar4") > 0, "no bus-master (BAR4) register accesses counted: " + json);
        NestedLane.assertCountersAgree(json);
    }

    @Test
    void ideInPioModeReadsAndWritesTheImage() throws IOException {
        String log = rawDiskCase("disk-ide-pio");
        assertTrue(DeviceWorkloads.ataMode(log).startsWith("XFER_PIO"), "with pio=on ata_piix should configure the drive for PIO:\n" + log);
    }

    @Test
    void virtioBlkReadsAndWritesTheImage() throws IOException {
        String log = rawDiskCase("disk-virtio");
        assertTrue(log.contains("[vda]"), "virtio_blk did not report vda:\n" + log);
    }

    @Test
    void qcow2WrittenByTheGuestIsConsistentAndHoldsWhatItWrote() throws IOException, InterruptedException {
        String log = lane.log("qcow2");
        assertEquals(0, lane.status("qcow2"), log);
        assertTrue(!log.contains("WRITE-FAILED"), "a dd write failed:\n" + log);
        byte[] expected = new byte[(int) (64 * MIB)];
        byte[] pattern = seqPattern(24 * MIB);
        System.arraycopy(pattern, 0, expected, 0, pattern.length);
        byte[] second = seqPattern(MIB, 1_000_000);
        System.arraycopy(second, 0, expected, (int) (40 * MIB), second.length);
        assertEquals(DeviceWorkloads.md5(expected), DeviceWorkloads.field(log, "QCOW2-MD5"), "the guest read back other data than it wrote:\n" + log);
        Path raw = lane.out().resolve("qcow2-expected.raw");
        Files.write(raw, expected);
        Path image = lane.out().resolve("qcow2.qcow2");
        String check = qemuImg("check", image.toString());
        assertTrue(check.contains("No errors were found"), "qemu-img check: " + check);
        qemuImg("compare", "-f", "qcow2", "-F", "raw", image.toString(), raw.toString());
    }

    @Test
    void e1000MovesDataEachWay() throws IOException {
        netCase("net-e1000");
    }

    @Test
    void virtioNetMovesDataEachWay() throws IOException {
        netCase("net-virtio");
    }

    /** Checks a raw disk case: the guest read the random image and copied its first half over the second. */
    private static String rawDiskCase(String name) throws IOException {
        String log = lane.log(name);
        assertEquals(0, lane.status(name), log);
        RawDisk disk = RAW_DISKS.get(name);
        DeviceWorkloads.checkDiskCopy(log, disk.device(), lane.out().resolve(name + ".img"), disk.size(), name.hashCode());
        return log;
    }

    private static void netCase(String name) throws IOException {
        String log = lane.log(name);
        assertEquals(0, lane.status(name), log);
        DeviceWorkloads.checkNetRoundTrip(log, NET_BYTES);
        NestedLane.assertCountersAgree(lane.stats(name));
    }

    /** What `seq -w 0 N` prints for N = size / 8 - 1 (N of 7 digits): "0000000\n0000001\n..." */
    static byte[] seqPattern(long size) {
        return seqPattern(size, 0);
    }

    /** What `seq -w FIRST LAST` prints when both have 7 digits and the output is size bytes. */
    static byte[] seqPattern(long size, int first) {
        byte[] out = new byte[(int) size];
        for (int line = 0; line < size / 8; line++) {
            int v = first + line;
            int base = line * 8;
            for (int d = 6; d >= 0; d--) {
                out[base + d] = (byte) ('0' + v % 10);
                v /= 10;
            }
            out[base + 7] = '\n';
        }
        return out;
    }

    private static long accesses(String json, String window) {
        Map<String, Object> root = Json.object(Json.parse(json), "stats");
        long total = 0;
        for (Object d : Json.array(root.get("devices"), "devices")) {
            Map<String, Object> device = Json.object(d, "device");
            if (Json.string(device.get("name"), "name").contains(window)) total += Json.integer(device.get("accesses"), "accesses");
        }
        return total;
    }

    /** Runs qemu-img and returns its output; fails when it exits non-zero. */
    private static String qemuImg(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("qemu-img"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not end");
        }
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }

    /** Prints the case's exits per reason and its ten busiest device registers (issue 8/9's input). */
    private static void printExitSummary(String name) {
        Path file = lane.out().resolve(name + ".stats.json");
        if (!Files.isRegularFile(file)) return;
        try {
            Map<String, Object> root = Json.object(Json.parse(Files.readString(file)), "stats");
            StringBuilder s = new StringBuilder("exits " + name + ":");
            for (Object v : Json.array(root.get("vcpus"), "vcpus")) {
                Map<String, Object> vcpu = Json.object(v, "vcpu");
                s.append(" vcpu").append(vcpu.get("index")).append(" total=").append(vcpu.get("exits"))
                        .append(' ').append(vcpu.get("reasons"));
            }
            record Reg(String window, long offset, String direction, long size, long count) {}
            List<Reg> regs = new ArrayList<>();
            for (Object d : Json.array(root.get("devices"), "devices")) {
                Map<String, Object> device = Json.object(d, "device");
                for (Object r : Json.array(device.get("registers"), "registers")) {
                    Map<String, Object> reg = Json.object(r, "register");
                    regs.add(new Reg(Json.string(device.get("name"), "name") + "(" + device.get("exit_kind") + ")",
                            Json.integer(reg.get("offset"), "offset"), Json.string(reg.get("direction"), "direction"),
                            Json.integer(reg.get("size"), "size"), Json.integer(reg.get("count"), "count")));
                }
            }
            regs.sort(Comparator.comparingLong(Reg::count).reversed());
            for (Reg r : regs.subList(0, Math.min(10, regs.size()))) {
                s.append(String.format("%n  %-28s +0x%-4x %-5s %d: %d", r.window(), r.offset(), r.direction(), r.size(), r.count()));
            }
            System.out.println(s);
        } catch (IOException | Json.ParseException e) {
            System.out.println("exits " + name + ": unreadable statistics: " + e);
        }
    }

}
