package dev.jkvm.vmm;

import dev.jkvm.accel.CounterCheck;
import dev.jkvm.accel.ExitReason;
import dev.jkvm.accel.Vcpu;
import dev.jkvm.devices.bus.AccessCounter;
import dev.jkvm.devices.bus.Bus;
import dev.jkvm.json.Json;
import dev.jkvm.machine.Machine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The exit counters of a VM as JSON: per vCPU and reason, per device window and register. */
final class ExitStatistics {
    private ExitStatistics() {}

    private static Map<String, Object> byName(Map<ExitReason, Long> counts) {
        Map<String, Object> named = new LinkedHashMap<>();
        counts.forEach((reason, n) -> named.put(reason.name().toLowerCase(), n));
        return named;
    }

    static String toJson(String accelerator, Machine machine, List<Vcpu> vcpus) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("accelerator", accelerator);
        List<Object> cpus = new ArrayList<>();
        for (Vcpu v : vcpus) {
            Map<String, Object> cpu = new LinkedHashMap<>();
            cpu.put("index", v.index());
            cpu.put("exits", v.stats().total());
            cpu.put("reasons", byName(v.stats().snapshot()));
            Map<String, Object> inKernel = byName(v.stats().inKernelSnapshot());
            if (!inKernel.isEmpty()) cpu.put("in_kernel", inKernel);
            Map<String, Long> counters = v.acceleratorStats();
            if (!counters.isEmpty()) {
                cpu.put("accelerator_counters", new LinkedHashMap<>(counters));
                List<CounterCheck> checks = v.counterChecks(counters);
                cpu.put("counters_agree", checks.stream().allMatch(CounterCheck::holds));
                cpu.put("counter_checks", checks.stream().map(ExitStatistics::check).toList());
            }
            cpus.add(cpu);
        }
        root.put("vcpus", cpus);
        List<Object> devices = new ArrayList<>();
        for (Bus bus : List.of(machine.pio(), machine.mmio())) {
            String kind = bus.kind().name().toLowerCase();
            for (Bus.Window w : bus.windows()) {
                if (w.counter().total() > 0) devices.add(device(w.name(), kind, w.base(), w.exitKind().name().toLowerCase(), w.counter()));
            }
            if (bus.unclaimed().total() > 0) devices.add(device("unclaimed", kind, 0, "user_space", bus.unclaimed()));
        }
        // Accesses a fast path kept from both the vCPU and the bus (coalesced MMIO writes replayed from KVM's ring).
        for (Machine.HandledInKernel h : machine.handledInKernel()) {
            if (h.counter().total() > 0) devices.add(device(h.name(), h.bus().name().toLowerCase(), h.base(), "in_kernel", h.counter()));
        }
        root.put("devices", devices);
        root.put("fast_paths", machine.fastPaths().toString());
        return Json.write(root);
    }

    private static Map<String, Object> check(CounterCheck c) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("counter", c.counter());
        check.put("jkvm", c.jkvm());
        check.put("accelerator", c.accelerator());
        check.put("relation", c.relation().name().toLowerCase());
        check.put("holds", c.holds());
        return check;
    }

    private static Map<String, Object> device(String name, String bus, long base, String exitKind, AccessCounter counter) {
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("name", name);
        device.put("bus", bus);
        device.put("base", base);
        device.put("exit_kind", exitKind);
        device.put("accesses", counter.total());
        List<Object> registers = new ArrayList<>();
        for (AccessCounter.Cell c : counter.snapshot().values()) {
            Map<String, Object> register = new LinkedHashMap<>();
            register.put("offset", c.offset());
            register.put("direction", c.direction().name().toLowerCase());
            register.put("size", c.size());
            register.put("count", c.count());
            register.put("bytes", c.bytes());
            register.put("handler_ns", c.nanos());
            registers.add(register);
        }
        device.put("registers", registers);
        return device;
    }
}
