package dev.jkvm.compare;

import dev.jkvm.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One `jkvm run --stats-json` file, parsed: exits per vCPU and reason (what KVM would count as exits to
 * user space; under KVM also KVM's own counters), and accesses per device window and register. Windows of
 * devices KVM keeps in the kernel (PIC, PIT, LAPIC, IOAPIC) have {@code exitKind = "in_kernel"}: under the
 * software CPU their accesses are counted, but they are not user-space exits.
 */
public record ExitStats(String accelerator, List<VcpuCounts> vcpus, List<DeviceCounts> devices) {
    public static final String USER_SPACE = "user_space";
    public static final String IN_KERNEL = "in_kernel";

    public ExitStats {
        Objects.requireNonNull(accelerator);
        vcpus = List.copyOf(vcpus);
        devices = List.copyOf(devices);
    }

    /** One vCPU: its exits by reason (lower-case ExitReason names) and the accelerator's own counters. */
    public record VcpuCounts(int index, long exits, Map<String, Long> reasons, Map<String, Long> inKernel,
                             Map<String, Long> acceleratorCounters) {
        public VcpuCounts {
            reasons = Map.copyOf(reasons);
            inKernel = Map.copyOf(inKernel);
            acceleratorCounters = Map.copyOf(acceleratorCounters);
        }
    }

    /** One bus window (or the bus's unclaimed accesses, named "unclaimed", offsets absolute). */
    public record DeviceCounts(String name, String bus, long base, String exitKind, long accesses, List<RegisterCounts> registers) {
        public DeviceCounts {
            registers = List.copyOf(registers);
        }

        public boolean inKernel() {
            return IN_KERNEL.equals(exitKind);
        }
    }

    /** One (register offset, direction, size) cell of a window. */
    public record RegisterCounts(long offset, String direction, int size, long count, long bytes, long handlerNs) {}

    public static ExitStats read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Json.ParseException e) {
            throw new Json.ParseException(file + ": " + e.getMessage());
        }
    }

    public static ExitStats parse(String text) {
        Map<String, Object> root = Json.object(Json.parse(text), "stats");
        String accelerator = Json.string(root.get("accelerator"), "accelerator");
        List<VcpuCounts> vcpus = new ArrayList<>();
        for (Object o : Json.array(root.getOrDefault("vcpus", List.of()), "vcpus")) {
            Map<String, Object> v = Json.object(o, "vcpus[]");
            vcpus.add(new VcpuCounts((int) Json.integer(v.get("index"), "vcpus[].index"),
                    Json.integer(v.get("exits"), "vcpus[].exits"),
                    counters(v.getOrDefault("reasons", Map.of()), "vcpus[].reasons"),
                    counters(v.getOrDefault("in_kernel", Map.of()), "vcpus[].in_kernel"),
                    counters(v.getOrDefault("accelerator_counters", Map.of()), "vcpus[].accelerator_counters")));
        }
        List<DeviceCounts> devices = new ArrayList<>();
        for (Object o : Json.array(root.getOrDefault("devices", List.of()), "devices")) {
            Map<String, Object> d = Json.object(o, "devices[]");
            String name = Json.string(d.get("name"), "devices[].name");
            List<RegisterCounts> registers = new ArrayList<>();
            for (Object r : Json.array(d.getOrDefault("registers", List.of()), name + ".registers")) {
                Map<String, Object> c = Json.object(r, name + ".registers[]");
                registers.add(new RegisterCounts(Json.integer(c.get("offset"), name + ".offset"),
                        Json.string(c.get("direction"), name + ".direction"),
                        (int) Json.integer(c.get("size"), name + ".size"),
                        Json.integer(c.get("count"), name + ".count"),
                        Json.integer(c.getOrDefault("bytes", 0L), name + ".bytes"),
                        Json.integer(c.getOrDefault("handler_ns", 0L), name + ".handler_ns")));
            }
            devices.add(new DeviceCounts(name, Json.string(d.get("bus"), name + ".bus"),
                    Json.integer(d.getOrDefault("base", 0L), name + ".base"),
                    Json.string(d.getOrDefault("exit_kind", USER_SPACE), name + ".exit_kind"),
                    Json.integer(d.get("accesses"), name + ".accesses"), registers));
        }
        return new ExitStats(accelerator, vcpus, devices);
    }

    private static Map<String, Long> counters(Object value, String what) {
        Map<String, Long> out = new LinkedHashMap<>();
        Json.object(value, what).forEach((k, v) -> out.put(k, Json.integer(v, what + "." + k)));
        return out;
    }

    /** Exits of all vCPUs by reason. */
    public Map<String, Long> reasons() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (VcpuCounts v : vcpus) v.reasons().forEach((k, n) -> out.merge(k, n, Long::sum));
        return out;
    }

    /** Exits of all vCPUs (to user space, in KVM's terms). */
    public long exits() {
        return vcpus.stream().mapToLong(VcpuCounts::exits).sum();
    }

    /** KVM's own counter of every exit (KVM_GET_STATS_FD "exits"), summed over vCPUs, when the accelerator gave it. */
    public long kernelCounter(String name) {
        return vcpus.stream().mapToLong(v -> v.acceleratorCounters().getOrDefault(name, 0L)).sum();
    }

    /**
     * What the software CPU counted as handled in the kernel under KVM: accesses to in-kernel device windows (PIC,
     * PIT, LAPIC, IOAPIC, virtio notifies with ioeventfd) and vCPU events (HLT).
     */
    public long inKernelEvents() {
        long events = vcpus.stream().flatMap(v -> v.inKernel().values().stream()).mapToLong(Long::longValue).sum();
        return events + devices.stream().filter(DeviceCounts::inKernel).mapToLong(DeviceCounts::accesses).sum();
    }

    /**
     * This run's counts minus a baseline run's: vCPUs matched by index, windows by name and bus, registers by
     * offset, direction and size. A count below the baseline's (noise in timer exits) becomes zero.
     */
    public ExitStats minus(ExitStats baseline) {
        Map<Integer, VcpuCounts> base = new LinkedHashMap<>();
        baseline.vcpus.forEach(v -> base.put(v.index(), v));
        List<VcpuCounts> vs = new ArrayList<>();
        for (VcpuCounts v : vcpus) {
            VcpuCounts b = base.get(v.index());
            if (b == null) {
                vs.add(v);
                continue;
            }
            vs.add(new VcpuCounts(v.index(), Math.max(0, v.exits() - b.exits()), minus(v.reasons(), b.reasons()),
                    minus(v.inKernel(), b.inKernel()),
                    minus(v.acceleratorCounters(), b.acceleratorCounters())));
        }
        Map<String, DeviceCounts> baseDevices = new LinkedHashMap<>();
        baseline.devices.forEach(d -> baseDevices.put(d.bus() + "/" + d.name(), d));
        List<DeviceCounts> ds = new ArrayList<>();
        for (DeviceCounts d : devices) {
            DeviceCounts b = baseDevices.get(d.bus() + "/" + d.name());
            if (b == null) {
                ds.add(d);
                continue;
            }
            Map<String, RegisterCounts> baseRegs = new LinkedHashMap<>();
            b.registers().forEach(r -> baseRegs.put(r.offset() + "/" + r.direction() + "/" + r.size(), r));
            List<RegisterCounts> rs = new ArrayList<>();
            long accesses = 0;
            for (RegisterCounts r : d.registers()) {
                RegisterCounts br = baseRegs.get(r.offset() + "/" + r.direction() + "/" + r.size());
                RegisterCounts out = br == null ? r : new RegisterCounts(r.offset(), r.direction(), r.size(),
                        Math.max(0, r.count() - br.count()), Math.max(0, r.bytes() - br.bytes()),
                        Math.max(0, r.handlerNs() - br.handlerNs()));
                if (out.count() > 0) {
                    rs.add(out);
                    accesses += out.count();
                }
            }
            if (accesses > 0) ds.add(new DeviceCounts(d.name(), d.bus(), d.base(), d.exitKind(), accesses, rs));
        }
        return new ExitStats(accelerator, vs, ds);
    }

    private static Map<String, Long> minus(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> out = new LinkedHashMap<>();
        a.forEach((k, n) -> {
            long d = Math.max(0, n - b.getOrDefault(k, 0L));
            if (d > 0) out.put(k, d);
        });
        return out;
    }
}
