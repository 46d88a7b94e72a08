package dev.jkvm.compare;

import dev.jkvm.config.AccelChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {
    @TempDir
    Path dir;

    @Test
    void ideDmaCosts32ExitsPerRequestAfterTheBaselineIsSubtracted() {
        Report r = Fixtures.disk(dir);
        Report.DeviceReport ide = r.device(DeviceModel.IDE_DMA);
        // 8 MiB read + 8 MiB written in 512 KiB requests, 256 random 4 KiB reads: 16 + 16 + 256 requests.
        assertEquals(288, ide.requests());
        assertTrue(ide.measuredAmounts());
        assertEquals(17.0, ide.mib(), 1e-9, "16 MiB sequential + 1 MiB random, from the stat sectors");
        // 31 port accesses and one HLT per request; the boot's console, PCI and HLT exits are gone.
        assertEquals(288 * 32, ide.exits());
        assertEquals(32.0, ide.exitsPerRequest(), 1e-9);
        assertEquals(288 * 32 / 17.0, ide.exitsPerMib(), 1e-9);
        assertEquals(288 * 2, ide.inKernel(), "PIC EOIs are in-kernel accesses, not user-space exits");
        assertEquals(288 * 31, ide.reasons().stream().filter(x -> x.reason().startsWith("io_")).mapToLong(Report.ReasonCount::exits).sum());
        assertEquals(288, ide.reasons().stream().filter(x -> x.reason().equals("hlt")).findFirst().orElseThrow().exits());
        assertTrue(ide.registers().stream().noneMatch(x -> x.label().startsWith("COM1")), "console output is boot noise: " + ide.registers());
        assertEquals("pic-master", ide.inKernelRegisters().getFirst().window());
    }

    @Test
    void registersAreNamedAndSorted() {
        Report.DeviceReport ide = Fixtures.disk(dir).device(DeviceModel.IDE_DMA);
        List<String> keys = ide.registers().stream().map(Report.RegisterCount::key).toList();
        for (String expected : List.of("ATA status read", "ATA alt status read", "bus-master status read", "ATA command write",
                "ATA LBA low write", "ATA device control write", "bus-master command write", "bus-master PRD table address write")) {
            assertTrue(keys.contains(expected), expected + " missing from " + keys);
        }
        for (int i = 1; i < ide.registers().size(); i++) {
            assertTrue(ide.registers().get(i - 1).count() >= ide.registers().get(i).count());
        }
        Report.RegisterCount status = ide.registers().stream().filter(x -> x.key().equals("ATA status read")).findFirst().orElseThrow();
        assertEquals(288 * 4, status.count());
        assertEquals(0x1f7, status.address());
        assertEquals(4.0, status.perRequest(), 1e-9);
        assertEquals(4.0 / 32, status.share(), 1e-9);
        assertEquals(status.count() * 250, status.handlerNs());
    }

    @Test
    void virtioBlkNeedsFiveTimesFewerExitsPerMibThanIdeDma() {
        Report r = Fixtures.disk(dir);
        double ide = r.device(DeviceModel.IDE_DMA).exitsPerMib();
        double virtio = r.device(DeviceModel.VIRTIO_BLK).exitsPerMib();
        double pio = r.device(DeviceModel.IDE_PIO).exitsPerMib();
        assertTrue(ide >= 5 * virtio, "ide-dma " + ide + " vs virtio-blk " + virtio);
        assertTrue(pio > ide, "ide-pio " + pio + " vs ide-dma " + ide);
        assertEquals(3.0, r.device(DeviceModel.VIRTIO_BLK).exitsPerRequest(), 1e-9, "notify, ISR read, HLT");
    }

    @Test
    void virtioNetNeedsFewerExitsPerMibThanE1000() {
        Report r = Fixtures.net(dir);
        Report.DeviceReport e1000 = r.device(DeviceModel.E1000);
        Report.DeviceReport virtio = r.device(DeviceModel.VIRTIO_NET);
        assertTrue(e1000.exitsPerMib() > virtio.exitsPerMib(), e1000.exitsPerMib() + " vs " + virtio.exitsPerMib());
        assertTrue(e1000.requests() > 2 * 5792, "packets from eth0's counters: " + e1000.requests());
        assertEquals("e1000 ICR", e1000.registers().stream().filter(x -> x.direction().equals("read")).findFirst().orElseThrow().label());
        assertTrue(virtio.registers().stream().allMatch(x -> x.label().equals("virtio notify")), virtio.registers().toString());
        assertEquals(1, virtio.registers().size(), "notifies of both queues merge into one register");
    }

    @Test
    void throughputAndHostCpuComeFromTheRuns() {
        Report.DeviceReport ide = Fixtures.disk(dir).device(DeviceModel.IDE_DMA);
        assertEquals(45.0, ide.throughput().get("seq_read_mib_s"), 2.5);
        assertEquals(45.0, ide.throughput().get("seq_write_mib_s"), 2.5);
        assertEquals(1800.0, ide.throughput().get("random_read_iops"), 100);
        assertEquals(3.0, ide.baselineHostCpuSeconds(), 1e-9);
        assertTrue(ide.hostCpuSeconds() > ide.baselineHostCpuSeconds());
    }

    @Test
    void eachModelBootsTwiceOnFreshImagesWithItsOwnScript() {
        SyntheticGuest guest = new SyntheticGuest();
        Fixtures.run(Comparison.disk(Fixtures.SIZE, Fixtures.RANDOM_READS), dir, guest);
        assertEquals(6, guest.requests.size());
        List<Path> images = new ArrayList<>();
        for (RunRequest q : guest.requests) {
            Path image = q.diskImage().orElseThrow();
            assertFalse(images.contains(image));
            images.add(image);
            assertFalse(Files.exists(image), "images are removed after the boot");
            assertEquals(q.nullPhase(), !q.script().contains("dd "), q.script());
        }
        RunRequest pio = guest.requests.getFirst();
        assertEquals(DeviceModel.IDE_PIO, pio.model());
        List<String> args = pio.runArguments("512M");
        assertTrue(args.containsAll(List.of("--accel", "tcg", "--run")), args.toString());
        assertTrue(args.get(args.indexOf("--disk") + 1).endsWith(",if=ide,pio=on,format=raw"), args.toString());
        assertTrue(args.get(args.indexOf("--stats-json") + 1).endsWith("ide-pio.null.stats.json"), args.toString());
    }

    @Test
    void aBaselineAboveTheRunClampsAtZero() {
        ExitStats run = ExitStats.parse("""
                {"accelerator": "tcg", "vcpus": [{"index": 0, "exits": 5, "reasons": {"hlt": 5}}], "devices": []}""");
        ExitStats base = ExitStats.parse("""
                {"accelerator": "tcg", "vcpus": [{"index": 0, "exits": 9, "reasons": {"hlt": 9}}], "devices": []}""");
        ExitStats delta = run.minus(base);
        assertEquals(0, delta.exits());
        assertTrue(delta.reasons().isEmpty());
    }

    @Test
    void nominalAmountsWhenTheGuestPrintedNoCounters() {
        SyntheticGuest guest = new SyntheticGuest() {
            @Override
            public RunResult launch(RunRequest request) {
                RunResult r = super.launch(request);
                Workload.Log log = r.log();
                return new RunResult(request, r.stats(), new Workload.Log(log.phases(), java.util.Optional.empty(),
                        java.util.Optional.empty(), log.status(), log.warnings(), log.missingDevice()), r.hostCpu(), r.wall());
            }
        };
        Report r = Report.from(new ComparisonRunner(guest, s -> { }).run(Comparison.disk(4, 0), AccelChoice.TCG, dir));
        Report.DeviceReport d = r.device(DeviceModel.VIRTIO_BLK);
        assertFalse(d.measuredAmounts());
        assertEquals(8.0, d.mib(), 1e-9);
        assertEquals(0, d.requests());
        assertTrue(Double.isNaN(d.exitsPerRequest()));
    }
}
