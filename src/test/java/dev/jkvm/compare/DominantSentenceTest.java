package dev.jkvm.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DominantSentenceTest {
    @TempDir
    Path dir;

    @Test
    void ideDmaNamesItsLargestRegisters() {
        Report.Dominant d = Fixtures.disk(dir).device(DeviceModel.IDE_DMA).dominant();
        // 4 of its 32 exits per request each: status, alt status and bus-master status reads.
        assertEquals("ide-dma: 38% of exits are ATA alt status reads (13%), ATA status reads (13%) and bus-master status reads (13%)",
                d.sentence());
        assertEquals(0.375, d.share(), 1e-9);
        assertEquals(List.of("ATA alt status reads", "ATA status reads", "bus-master status reads"), d.causes());
    }

    @Test
    void virtioBlkCountsHltAsACause() {
        Report.Dominant d = Fixtures.disk(dir).device(DeviceModel.VIRTIO_BLK).dominant();
        assertEquals("virtio-blk: 100% of exits are HLT exits (33%), virtio ISR status reads (33%) and virtio notify writes (33%)",
                d.sentence());
    }

    @Test
    void stringIoBatchingIsSaid() {
        Report.Dominant d = Fixtures.disk(dir).device(DeviceModel.IDE_PIO).dominant();
        assertTrue(d.sentence().startsWith("ide-pio: "), d.sentence());
        assertTrue(d.sentence().contains("of exits and batched string I/O accesses are ATA data reads (53%) and ATA data writes (47%)"),
                d.sentence());
        assertTrue(d.share() > 0.5 && d.share() <= 1, d.sentence());
    }

    @Test
    void oneCauseOverHalfIsNamedAlone() {
        Report.DeviceReport e1000 = Fixtures.net(dir).device(DeviceModel.E1000);
        assertTrue(e1000.dominant().sentence().matches("e1000: \\d+% of exits are .+"), e1000.dominant().sentence());
        Report.Dominant virtio = Fixtures.net(dir).device(DeviceModel.VIRTIO_NET).dominant();
        assertTrue(virtio.sentence().matches("virtio-net: \\d+% of exits are (virtio notify writes|HLT exits) \\(\\d+%\\)"
                + "( and (virtio notify writes|HLT exits) \\(\\d+%\\))?"), virtio.sentence());
    }

    @Test
    void noExitsSaysSo() {
        ExitStats empty = new ExitStats("tcg", List.of(new ExitStats.VcpuCounts(0, 0, Map.of(), Map.of(), Map.of())), List.of());
        Comparison c = Comparison.disk(1, 0);
        RunRequest q = new RunRequest(c, DeviceModel.VIRTIO_BLK, false, dev.jkvm.config.AccelChoice.TCG, "", Optional.empty(), dir);
        Workload.Log log = new Workload.Log(Map.of(), Optional.empty(), Optional.empty(), OptionalInt.of(0), List.of(), Optional.empty());
        RunResult run = new RunResult(q, empty, log, Duration.ZERO, Duration.ZERO);
        Report.DeviceReport d = Report.device(c, new ComparisonRunner.ModelRuns(DeviceModel.VIRTIO_BLK, run, run));
        assertEquals("virtio-blk: the workload caused no exits to user space", d.dominant().sentence());
    }
}
