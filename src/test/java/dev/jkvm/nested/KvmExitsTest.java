package dev.jkvm.nested;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    private static NestedLane lane;
    private static Map<String, KvmExits.Phase> disk, diskOff, net, netOff;

    @BeforeAll
    static void runTheWorkloadsInL1() throws IOException, InterruptedException {
        lane = NestedLane.prepare();
        lane.run(L1_TIMEOUT_SECONDS, "KVM_EXITS_MIB=" + MIB + " sh src/test/nested/kvm-exits.sh", CASES);
        disk = KvmExits.read(lane.out(), "jkvm-disk");
        diskOff = KvmExits.read(lane.out(), "jkvm-disk-off");
        net = KvmExits.read(lane.out(), "jkvm-net");
        netOff = KvmExits.read(lane.out(), "jkvm-net-off");
        System.out.println(KvmExits.summaryLine(disk));
    }

    @AfterAll
    static void deleteScratch() throws IOException {
        if (lane != null && System.getenv("KVM_EXITS_KEEP") == null) lane.close();
    }

    private static KvmExits.Phase phase(Map<String, KvmExits.Phase> phases, String caseName, String name) throws IOException {
        KvmExits.Phase p = phases.get(name);
        if (p == null || p.userExits() < 0) {
            fail("no counts for " + caseName + " " + name + "; its log:\n" + readIfPresent(caseName + ".log")
                    + "\nits counter snapshots:\n" + readIfPresent(caseName + ".snaps") + "\nthe L1 console:\n" + lane.console());
        }
        return p;
    }

    private static String readIfPresent(String file) throws IOException {
        Path path = lane.out().resolve(file);
        return Files.exists(path) ? Files.readString(path) : "(none)";
    }

    @Test
    void virtioBlkWithIoeventfdAndIrqfdMakesNoUserSpaceExits() throws IOException {
        KvmExits.Phase on = phase(disk, "jkvm-disk", "vda"), off = phase(diskOff, "jkvm-disk-off", "vda");
        assertTrue(on.requests() > 0, "no virtio-blk requests: " + on);
        assertEquals(0.0, on.perRequest(on.userExits()), 0.25, "user-space exits per request with the fast paths: " + on);
        // virtio_blk kicks once per batch the block layer hands it: dd's 1 MiB reads are two 512 KiB requests.
        assertTrue(off.perRequest(off.userExits()) >= 0.4, "with --fast-paths=none every batch's notify should exit: " + off);
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
        String json = Files.readString(lane.out().resolve("jkvm-net.stats.json"));
        assertTrue(json.contains("-coalesced"), "no coalesced writes replayed: " + json);
    }

    private static long mmioUserExits(KvmExits.Phase p) {
        return p.userRegisters().entrySet().stream().filter(e -> e.getKey().space().equals("mmio")).mapToLong(Map.Entry::getValue).sum();
    }

    @Test
    void everyRunEndedCleanly() throws IOException {
        for (String c : CASES) {
            Path status = lane.out().resolve(c + ".status");
            assertNotNull(Files.exists(status) ? status : null, c + " did not run; the L1 console:\n" + lane.console());
            assertEquals("0", Files.readString(status).strip(), c + ": " + Files.readString(lane.out().resolve(c + ".log")));
        }
    }
}
