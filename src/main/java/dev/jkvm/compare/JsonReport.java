package dev.jkvm.compare;

import dev.jkvm.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as JSON, following {@code compare.schema.json} (resource {@value #SCHEMA_RESOURCE}). Numbers that
 * could not be measured (a rate whose phase took under the clock's 10 ms, a per-request figure without requests)
 * are null.
 */
public final class JsonReport {
    public static final String SCHEMA_RESOURCE = "/dev/jkvm/compare/compare.schema.json";
    public static final int SCHEMA_VERSION = 1;

    private JsonReport() {}

    public static String write(Report report) {
        return Json.write(tree(report));
    }

    public static Map<String, Object> tree(Report report) {
        Comparison c = report.comparison();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema_version", (long) SCHEMA_VERSION);
        root.put("comparison", c.kind().id());
        root.put("accel_option", report.accelOption());
        root.put("accelerator", report.accelerator());
        Map<String, Object> workload = new LinkedHashMap<>();
        workload.put("size_mib", (long) c.sizeMib());
        workload.put("random_reads", (long) c.randomReads());
        workload.put("packets", (long) c.packets());
        workload.put("description", c.describe());
        root.put("workload", workload);
        root.put("method", "baseline-subtracted");
        List<Object> devices = new ArrayList<>();
        for (Report.DeviceReport d : report.devices()) devices.add(device(c, d));
        root.put("devices", devices);
        return root;
    }

    private static Map<String, Object> device(Comparison c, Report.DeviceReport d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", d.model().id());
        m.put("description", d.model().description());
        m.put("mib", d.mib());
        m.put("mib_measured", d.measuredAmounts());
        m.put("requests", d.requests());
        m.put("request_unit", c.kind() == Comparison.Kind.DISK ? "disk request" : "packet");
        Map<String, Object> exits = new LinkedHashMap<>();
        exits.put("user_space", d.exits());
        exits.put("in_kernel", d.inKernel());
        exits.put("kvm_exits", d.kernelCounter() < 0 ? null : d.kernelCounter());
        exits.put("per_mib", d.exitsPerMib());
        exits.put("per_request", d.exitsPerRequest());
        exits.put("in_kernel_per_mib", d.inKernelPerMib());
        m.put("exits", exits);
        List<Object> vcpus = new ArrayList<>();
        for (Report.VcpuExits v : d.vcpus()) vcpus.add(map("index", (long) v.index(), "exits", v.exits()));
        m.put("vcpus", vcpus);
        List<Object> reasons = new ArrayList<>();
        for (Report.ReasonCount r : d.reasons()) {
            reasons.add(map("reason", r.reason(), "exits", r.exits(), "per_mib", r.perMib(), "per_request", r.perRequest()));
        }
        m.put("reasons", reasons);
        m.put("registers", registers(d.registers()));
        m.put("in_kernel_registers", registers(d.inKernelRegisters()));
        m.put("throughput", new LinkedHashMap<String, Object>(d.throughput()));
        m.put("guest_seconds", new LinkedHashMap<String, Object>(d.guestSeconds()));
        m.put("host_cpu_seconds", map("workload", d.hostCpuSeconds(), "baseline", d.baselineHostCpuSeconds(),
                "difference", d.hostCpuSeconds() - d.baselineHostCpuSeconds()));
        m.put("dominant", map("sentence", d.dominant().sentence(), "share", d.dominant().share(),
                "causes", new ArrayList<Object>(d.dominant().causes())));
        return m;
    }

    private static List<Object> registers(List<Report.RegisterCount> regs) {
        List<Object> out = new ArrayList<>();
        for (Report.RegisterCount r : regs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("register", r.label());
            m.put("direction", r.direction());
            m.put("exit_kind", r.exitKind());
            m.put("window", r.window());
            m.put("bus", r.bus());
            m.put("address", r.address());
            m.put("count", r.count());
            m.put("bytes", r.bytes());
            m.put("handler_ns", r.handlerNs());
            m.put("per_mib", r.perMib());
            m.put("per_request", r.perRequest());
            m.put("share", r.share());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** The schema's text, from the classpath. */
    public static String schema() {
        try (var in = JsonReport.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the classpath");
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
