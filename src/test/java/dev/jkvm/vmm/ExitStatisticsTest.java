package dev.jkvm.vmm;

import dev.jkvm.accel.CounterCheck;
import dev.jkvm.accel.ExitReason;
import dev.jkvm.accel.Vcpu;
import dev.jkvm.accel.VcpuStats;
import dev.jkvm.boot.BootCpuState;
import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.bus.ExitKind;
import dev.jkvm.machine.Machine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitStatisticsTest {
    private static final class FakeVcpu implements Vcpu {
        final VcpuStats stats = new VcpuStats();

        public int index() { return 0; }
        public void setBootState(BootCpuState state) { }
        public void run() { }
        public void kick() { }
        public VcpuStats stats() { return stats; }
        public Map<String, Long> acceleratorStats() { return Map.of("exits", 7L); }
        public List<CounterCheck> counterChecks(Map<String, Long> counters) {
            return List.of(new CounterCheck("exits", stats.total(), counters.get("exits"), CounterCheck.Relation.ACCELERATOR_AT_LEAST));
        }
        public void close() { }
    }

    @Test
    void countsPerVcpuDeviceAndRegister() {
        try (Machine machine = new Machine(32L << 20, 1)) {
            BusDevice device = new BusDevice() {
                public long read(long offset, int size) { return 0; }
                public void write(long offset, int size, long value) { }
            };
            machine.pio().register("ide-primary", 0x1f0, 8, device, ExitKind.USER_SPACE);
            machine.pio().register("pic-master", 0x20, 2, device, ExitKind.IN_KERNEL);
            machine.pio().read(0x1f7, 1);
            machine.pio().read(0x1f7, 1);
            machine.pio().write(0x20, 1, 0x20);
            machine.pio().read(0x80, 1);
            FakeVcpu vcpu = new FakeVcpu();
            vcpu.stats.count(ExitReason.IO_IN, 3);
            vcpu.stats.count(ExitReason.IO_OUT);
            vcpu.stats.countInKernel(ExitReason.HLT);
            String json = ExitStatistics.toJson("kvm", machine, List.of(vcpu));
            String compact = json.replaceAll("\\s+", "");
            assertTrue(compact.contains("\"accelerator\":\"kvm\""), json);
            assertTrue(compact.contains("\"exits\":4,\"reasons\":{\"io_in\":3,\"io_out\":1},\"in_kernel\":{\"hlt\":1}"), json);
            assertTrue(compact.contains("\"accelerator_counters\":{\"exits\":7},\"counters_agree\":true,"
                    + "\"counter_checks\":[{\"counter\":\"exits\",\"jkvm\":4,\"accelerator\":7,\"relation\":\"accelerator_at_least\",\"holds\":true}]"), json);
            assertTrue(compact.contains("\"name\":\"ide-primary\",\"bus\":\"pio\",\"base\":496,\"exit_kind\":\"user_space\",\"accesses\":2"), json);
            assertTrue(compact.contains("{\"offset\":7,\"direction\":\"read\",\"size\":1,\"count\":2,\"bytes\":2"), json);
            assertTrue(compact.contains("\"name\":\"pic-master\",\"bus\":\"pio\",\"base\":32,\"exit_kind\":\"in_kernel\""), json);
            assertTrue(compact.contains("\"name\":\"unclaimed\""), json);
        }
    }
}
