package dev.jkvm.accel.kvm;

import dev.jkvm.accel.CounterCheck;
import dev.jkvm.accel.ExitReason;
import dev.jkvm.accel.VcpuStats;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KvmCounterChecksTest {
    private static VcpuStats stats() {
        VcpuStats s = new VcpuStats();
        s.count(ExitReason.MMIO_READ, 5);
        s.count(ExitReason.MMIO_WRITE, 3);
        s.count(ExitReason.IO_IN, 10);
        s.count(ExitReason.IO_OUT, 20);
        s.count(ExitReason.INTR, 4);
        return s;
    }

    private static CounterCheck find(List<CounterCheck> checks, String counter) {
        return checks.stream().filter(c -> c.counter().equals(counter)).findFirst().orElseThrow();
    }

    @Test
    void agreesWhenKvmCountsTheSameMmioAndAtLeastTheSamePortIo() {
        List<CounterCheck> checks = KvmCounterChecks.compare(stats(),
                Map.of("mmio_exits", 8L, "io_exits", 45L, "halt_exits", 100L, "exits", 500L));
        assertEquals(4, checks.size());
        assertTrue(checks.stream().allMatch(CounterCheck::holds), checks.toString());
        assertEquals(30, find(checks, "io_exits").jkvm());
        assertEquals(38, find(checks, "exits").jkvm(), "signal returns (KVM_EXIT_INTR) are not guest exits");
    }

    @Test
    void anMmioCountThatDiffersEitherWayDisagrees() {
        assertFalse(find(KvmCounterChecks.compare(stats(), Map.of("mmio_exits", 9L)), "mmio_exits").holds());
        assertFalse(find(KvmCounterChecks.compare(stats(), Map.of("mmio_exits", 7L)), "mmio_exits").holds());
    }

    @Test
    void fewerPortIoInterceptsThanJkvmsExitsDisagrees() {
        assertFalse(find(KvmCounterChecks.compare(stats(), Map.of("io_exits", 29L)), "io_exits").holds());
    }

    @Test
    void countersTheKernelLacksAreLeftOut() {
        assertEquals(List.of("mmio_exits"), KvmCounterChecks.compare(stats(), Map.of("mmio_exits", 8L)).stream()
                .map(CounterCheck::counter).toList());
    }
}
