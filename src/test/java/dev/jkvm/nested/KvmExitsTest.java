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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * jkvm's KVM fast paths under the nested KVM (src/test/nested/kvm-exits.sh in one L1 boot): the disk
 * workloads with all fast paths and with none, the e1000 receive and transmit workload with and without
 * coalesced MMIO, counted by KVM itself (debugfs counters and kvm_userspace_exit trace events, see
 * {@link KvmExits}). Prints the "kvm-exits:" line of make test-kvm.
 */
@Tag("kvm-exits")
class KvmExitsTest {
    private static final long L1_TIMEOUT_SECONDS = 1200;
    /** Each workload's size: small, as nested runs are slow (e1000 sends about 0.5 MiB/s there). */
    private static final int MIB = 8;
    private static final List<String> CASES = List.of("jkvm-disk", "jkvm-disk-off", "jkvm-net", "jkvm-net-off");

    private static Path scratch;
    private static Path out;
    private static String console;
    private static Map<String, KvmExits.Phase> disk, diskOff, net, netOff;

    @BeforeAll
    static void runTheWorkloadsInL1() throws IOException, InterruptedException {
        Requirements.require(onPath("qemu-system-x86_64"), "qemu-system-x86_64 (apt-get install qemu-system-x86)");
        GuestCache cache = GuestCache.fromEnvironment();
        Requirements.require(defaultGuestBuilt(cache), "the default guest (`make guest` or `bin/jkvm guest build`)");
        Path project = projectRoot();
        Requirements.require(Files.isExecutable(project.resolve("bin/jkvm")), "bin/jkvm (`make build`)");
        Path nested = project.resolve("src/test/nested");
        NestedHostImage.Image image = NestedHostImage.ensure(cache, nested.resolve("l1-init.sh"), System.out::println);
        scratch = Files.createTempDirectory("jkvm-kvm-exits");
        Path snapshot = scratch.resolve("project");
        for (String dir : List.of("src/target/classes", "src/target/lib")) copyTree(project.resolve(dir), snapshot.resolve(dir));
        for (String file : List.of("bin/jkvm", "src/test/nested/kvm-exits.sh")) {
            Files.createDirectories(snapshot.resolve(file).getParent());
            Files.copy(project.resolve(file), snapshot.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        out = Files.createDirectories(scratch.resolve("out"));

        ProcessBuilder l1 = new ProcessBuilder("sh", nested.resolve("run-in-l1.sh").toString(),
                "KVM_EXITS_MIB=" + MIB + " sh src/test/nested/kvm-exits.sh " + out + " " + String.join(" ", CASES)).redirectErrorStream(true);
        Map<String, String> env = l1.environment();
        env.put("L1_KERNEL", image.kernel().toString());
        env.put("L1_INITRD", image.initramfs().toString());
        env.put("L1_PROJECT", snapshot.toString());
        env.put("L1_OUT", out.toString());
        env.put("L1_TIMEOUT", Long.toString(L1_TIMEOUT_SECONDS));
        env.put("JKVM_CACHE", cache.root().toString());
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        Process process = l1.start();
        console = stream(process.getInputStream());
        if (!process.waitFor(L1_TIMEOUT_SECONDS + 30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("run-in-l1.sh did not end in " + (L1_TIMEOUT_SECONDS + 30) + " s");
        }
        assertTrue(console.contains("L1-READY kvm=yes"), "the L1 guest has no /dev/kvm; its console:\n" + console);
        disk = KvmExits.read(out, "jkvm-disk");
        diskOff = KvmExits.read(out, "jkvm-disk-off");
        net = KvmExits.read(out, "jkvm-net");
        netOff = KvmExits.read(out, "jkvm-net-off");
        System.out.println(KvmExits.summaryLine(disk));
    }

    @AfterAll
    static void deleteScratch() throws IOException {
        if (scratch == null || System.getenv("KVM_EXITS_KEEP") != null) return;
        try (Stream<Path> walk = Files.walk(scratch)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static KvmExits.Phase phase(Map<String, KvmExits.Phase> phases, String caseName, String name) throws IOException {
        KvmExits.Phase p = phases.get(name);
        if (p == null || p.userExits() < 0) {
            Path log = out.resolve(caseName + ".log");
            fail("no counts for " + caseName + " " + name + "; its log:\n" + (Files.exists(log) ? Files.readString(log) : "(none)")
                    + "\nthe L1 console:\n" + console);
        }
        return p;
    }

    @Test
    void virtioBlkWithIoeventfdAndIrqfdMakesNoUserSpaceExits() throws IOException {
        KvmExits.Phase on = phase(disk, "jkvm-disk", "vda"), off = phase(diskOff, "jkvm-disk-off", "vda");
        assertTrue(on.requests() > 0, "no virtio-blk requests: " + on);
        assertEquals(0.0, on.perRequest(on.userExits()), 0.25, "user-space exits per request with the fast paths: " + on);
        assertTrue(off.perRequest(off.userExits()) >= 0.9, "with --fast-paths=none each request's notify should exit: " + off);
    }

    @Test
    void anIdeDmaRequestMakesTheDriversRegisterSequence() throws IOException {
        KvmExits.Phase ide = phase(disk, "jkvm-disk", "sda");
        assertTrue(ide.requests() > 0, "no IDE requests: " + ide);
        double perRequest = ide.perRequest(ide.userExits());
        assertTrue(perRequest >= 28 && perRequest <= 34, "IDE DMA: " + perRequest + " user-space exits per request: " + ide.top(12));
        // GUEST-NOTES: status 0x1f7 x4, altstatus 0x3f6 x4, bus master x9, LBA48 taskfile 0x1f1-0x1f6 x2 each, the command.
        assertEquals(4, ide.perRequest(ide.user("pio", "read", 0x1f7)), 1.0, "status reads: " + ide.top(12));
        assertEquals(4, ide.perRequest(ide.user("pio", "read", 0x3f6)), 1.0, "altstatus reads: " + ide.top(12));
        assertEquals(1, ide.perRequest(ide.user("pio", "write", 0x1f7)), 0.2, "command writes: " + ide.top(12));
        for (int port = 0x1f2; port <= 0x1f6; port++) {
            assertEquals(2, ide.perRequest(ide.user("pio", "write", port)), 0.3, String.format("taskfile %#x writes: %s", port, ide.top(12)));
        }
        long busMaster = ide.userRegisters().entrySet().stream()
                .filter(e -> e.getKey().space().equals("pio") && e.getKey().address() >= 0xc000).mapToLong(Map.Entry::getValue).sum();
        assertEquals(9, (double) busMaster / ide.requests(), 2.0, "bus-master accesses: " + ide.top(12));
    }

    @Test
    void coalescedMmioSavesE1000MmioExits() throws IOException {
        long with = 0, without = 0;
        for (String p : List.of("rx", "tx")) {
            with += mmioUserExits(phase(net, "jkvm-net", p));
            without += mmioUserExits(phase(netOff, "jkvm-net-off", p));
        }
        assertTrue(without > 0, "no e1000 MMIO exits without coalesced MMIO: " + netOff);
        assertTrue(with < without, "MMIO exits to user space: " + with + " with coalesced MMIO, " + without + " without");
        String json = Files.readString(out.resolve("jkvm-net.stats.json"));
        assertTrue(json.contains("-coalesced"), "no coalesced writes replayed: " + json);
    }

    private static long mmioUserExits(KvmExits.Phase p) {
        return p.userRegisters().entrySet().stream().filter(e -> e.getKey().space().equals("mmio")).mapToLong(Map.Entry::getValue).sum();
    }

    @Test
    void everyRunEndedCleanly() throws IOException {
        for (String c : CASES) {
            Path status = out.resolve(c + ".status");
            assertNotNull(Files.exists(status) ? status : null, c + " did not run; the L1 console:\n" + console);
            assertEquals("0", Files.readString(status).strip(), c + ": " + Files.readString(out.resolve(c + ".log")));
        }
    }

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

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
            }
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
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("src/test/nested"))) return dir;
        }
        throw new IllegalStateException("cannot find the project root (src/test/nested) from " + here);
    }
}
