package dev.jkvm.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a comparison, computed from the runs: per device model, the workload's exits (measured run
 * minus baseline run) per MiB and per request, by reason and by register, user-space exits apart from
 * in-kernel ones, guest-side throughput, host CPU time, and the sentence naming what dominates.
 *
 * <p>Definitions (also in compare.schema.json):
 * <ul>
 *   <li>MiB: disk, sectors read + written in /sys/block/DEV/stat during the workload; net, bytes received + sent
 *       on eth0 (Ethernet frames). The script's nominal amount is used when the guest printed no counters.</li>
 *   <li>requests: disk, reads + writes completed (/sys/block/DEV/stat); net, packets received + sent on eth0.</li>
 *   <li>exits: what KVM would count as exits to user space, summed over vCPUs (the software CPU counts the same).</li>
 *   <li>in-kernel: under KVM, KVM's own "exits" counter minus the user-space exits; under the software CPU, the
 *       accesses to windows of devices KVM keeps in the kernel (PIC, PIT, LAPIC, IOAPIC, virtio notifies with
 *       ioeventfd) and the HLTs.</li>
 * </ul>
 */
public record Report(Comparison comparison, String accelOption, String accelerator, List<DeviceReport> devices) {
    public static final double MIB = 1 << 20;

    /** Exits of one reason. */
    public record ReasonCount(String reason, long exits, double perMib, double perRequest) {}

    /** Accesses to one register (all sizes, one direction), merged over windows that share the name. */
    public record RegisterCount(String label, String direction, String exitKind, String window, String bus, long address,
                                long count, long bytes, long handlerNs, double perMib, double perRequest, double share) {
        /** "ATA status read". */
        public String key() {
            return label + " " + direction;
        }

        /** "ATA status reads". */
        public String plural() {
            return label + " " + direction + "s";
        }
    }

    /** Exits of one vCPU during the workload. */
    public record VcpuExits(int index, long exits) {}

    /** What dominates a model's exits. */
    public record Dominant(String sentence, double share, List<String> causes) {}

    /** One model's figures. */
    public record DeviceReport(DeviceModel model, double mib, long requests, boolean measuredAmounts, long exits, long inKernel,
                               long kernelCounter, List<VcpuExits> vcpus, List<ReasonCount> reasons,
                               List<RegisterCount> registers, List<RegisterCount> inKernelRegisters,
                               Map<String, Double> throughput, Map<String, Double> guestSeconds, double hostCpuSeconds,
                               double baselineHostCpuSeconds, Dominant dominant) {
        public double exitsPerMib() {
            return per(exits, mib);
        }

        public double exitsPerRequest() {
            return per(exits, requests);
        }

        public double inKernelPerMib() {
            return per(inKernel, mib);
        }

        /** User-space exits that are not register accesses (HLT, interrupt windows, ...); never negative. */
        public long nonDeviceExits() {
            long accesses = registers.stream().mapToLong(RegisterCount::count).sum();
            return Math.max(0, exits - accesses);
        }
    }

    static double per(double n, double d) {
        return d > 0 ? n / d : Double.NaN;
    }

    /** Exit reasons that are not a device register access. */
    static final List<String> DEVICE_REASONS = List.of("io_in", "io_out", "mmio_read", "mmio_write");

    public static Report from(ComparisonRunner.Outcome outcome) {
        List<DeviceReport> devices = new ArrayList<>();
        String accelerator = "";
        for (ComparisonRunner.ModelRuns runs : outcome.runs()) {
            devices.add(device(outcome.comparison(), runs));
            accelerator = runs.workload().stats().accelerator();
        }
        return new Report(outcome.comparison(), outcome.accel().name().toLowerCase(Locale.ROOT), accelerator, devices);
    }

    static DeviceReport device(Comparison c, ComparisonRunner.ModelRuns runs) {
        ExitStats delta = runs.workload().stats().minus(runs.baseline().stats());
        Workload.Log log = runs.workload().log();
        DeviceModel model = runs.model();

        double nominalMib = c.kind() == Comparison.Kind.DISK ? 2.0 * c.sizeMib() + c.randomReads() * 4096.0 / MIB : 2.0 * c.sizeMib();
        Workload.OptionalLongValue bytes = c.kind() == Comparison.Kind.DISK ? log.diskBytes() : log.netBytes();
        Workload.OptionalLongValue requests = c.kind() == Comparison.Kind.DISK ? log.diskRequests() : log.netPackets();
        boolean measured = bytes.present() && bytes.value() > 0;
        double mib = measured ? bytes.value() / MIB : nominalMib;
        long reqs = Math.max(0, requests.orElse(0));

        long exits = delta.exits();
        long kernelCounter = delta.kernelCounter("exits");
        boolean kvmCounters = runs.workload().stats().vcpus().stream().anyMatch(v -> v.acceleratorCounters().containsKey("exits"));
        long inKernel = kvmCounters ? Math.max(0, kernelCounter - exits) : delta.inKernelEvents();

        List<ReasonCount> reasons = new ArrayList<>();
        delta.reasons().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> reasons.add(new ReasonCount(e.getKey(), e.getValue(), per(e.getValue(), mib), per(e.getValue(), reqs))));

        List<RegisterCount> user = registers(delta, false, mib, reqs, exits);
        List<RegisterCount> kernel = registers(delta, true, mib, reqs, inKernel);
        List<VcpuExits> vcpus = delta.vcpus().stream().map(v -> new VcpuExits(v.index(), v.exits())).toList();

        Map<String, Double> seconds = new LinkedHashMap<>();
        log.phases().forEach((name, phase) -> seconds.put(name, phase.seconds()));
        Map<String, Double> throughput = new LinkedHashMap<>();
        if (c.kind() == Comparison.Kind.DISK) {
            throughput.put("seq_read_mib_s", rate(c.sizeMib(), seconds.get(Workload.PHASE_SEQ_READ)));
            throughput.put("seq_write_mib_s", rate(c.sizeMib(), seconds.get(Workload.PHASE_SEQ_WRITE)));
            throughput.put("random_read_iops", rate(c.randomReads(), seconds.get(Workload.PHASE_RAND_READ)));
        } else {
            throughput.put("tx_mib_s", rate(c.sizeMib(), seconds.get(Workload.PHASE_TX)));
            throughput.put("rx_mib_s", rate(c.sizeMib(), seconds.get(Workload.PHASE_RX)));
            throughput.put("ping_round_trips_s", log.warnings().contains("ping") ? Double.NaN : rate(c.packets(), seconds.get(Workload.PHASE_PING)));
        }
        double cpu = runs.workload().hostCpu().toNanos() / 1e9;
        double baseCpu = runs.baseline().hostCpu().toNanos() / 1e9;
        DeviceReport partial = new DeviceReport(model, mib, reqs, measured, exits, inKernel, kvmCounters ? kernelCounter : -1,
                vcpus, reasons, user, kernel, throughput, seconds, cpu, baseCpu, null);
        return new DeviceReport(model, mib, reqs, measured, exits, inKernel, partial.kernelCounter(), vcpus, reasons, user, kernel,
                throughput, seconds, cpu, baseCpu, dominant(partial, delta));
    }

    private static double rate(double amount, Double seconds) {
        return seconds == null || seconds <= 0 ? Double.NaN : amount / seconds;
    }

    /** Register counts of user-space (or in-kernel) windows, merged by name and direction, largest first. */
    static List<RegisterCount> registers(ExitStats delta, boolean inKernel, double mib, long requests, long denominator) {
        record Acc(String label, String direction, String exitKind, Map<String, Long> windows, String bus, long[] best,
                   long[] sums) {}
        Map<String, Acc> merged = new LinkedHashMap<>();
        for (ExitStats.DeviceCounts d : delta.devices()) {
            if (d.inKernel() != inKernel) continue;
            for (ExitStats.RegisterCounts r : d.registers()) {
                RegisterNames.Name name = RegisterNames.name(d.name(), d.bus(), d.base(), r.offset(), r.direction());
                String key = name.label() + "\u0000" + r.direction();
                Acc acc = merged.computeIfAbsent(key, k -> new Acc(name.label(), r.direction(), d.exitKind(),
                        new LinkedHashMap<>(), d.bus(), new long[]{-1, 0}, new long[3]));
                acc.windows().merge(d.name(), r.count(), Long::sum);
                long address = d.name().equals("unclaimed") ? r.offset() : d.base() + r.offset();
                if (r.count() > acc.best()[0]) {
                    acc.best()[0] = r.count();
                    acc.best()[1] = address;
                }
                acc.sums()[0] += r.count();
                acc.sums()[1] += r.bytes();
                acc.sums()[2] += r.handlerNs();
            }
        }
        long total = Math.max(denominator, merged.values().stream().mapToLong(a -> a.sums()[0]).sum());
        List<RegisterCount> out = new ArrayList<>();
        for (Acc a : merged.values()) {
            String window = a.windows().entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
            long n = a.sums()[0];
            out.add(new RegisterCount(a.label(), a.direction(), a.exitKind(), window, a.bus(), a.best()[1], n, a.sums()[1],
                    a.sums()[2], per(n, mib), per(n, requests), total > 0 ? (double) n / total : 0));
        }
        out.sort(Comparator.comparingLong(RegisterCount::count).reversed().thenComparing(RegisterCount::key));
        return out;
    }

    private static final Map<String, String> REASON_WORDS = Map.of(
            "hlt", "HLT exits",
            "irq_window_open", "interrupt-window exits",
            "intr", "host-signal exits",
            "other", "other exits",
            "shutdown", "shutdown exits",
            "system_event", "system events");

    /**
     * "ide-dma: 62% of exits are ATA status reads (23%), bus-master status reads (21%) and ATA command writes (18%)":
     * the largest causes, at most three; once they pass half of the exits, only causes of 10% or more are added. Causes are user-space register
     * accesses (by name and direction) and exits that are no access (HLT, interrupt windows). When string I/O puts
     * several accesses in one exit, shares are of accesses and exits together, and the sentence says so.
     */
    static Dominant dominant(DeviceReport d, ExitStats delta) {
        String id = d.model().id();
        Map<String, Long> causes = new LinkedHashMap<>();
        long accesses = 0;
        for (RegisterCount r : d.registers()) {
            causes.merge(r.plural(), r.count(), Long::sum);
            accesses += r.count();
        }
        long nonIo = 0;
        for (ReasonCount r : d.reasons()) {
            if (DEVICE_REASONS.contains(r.reason())) continue;
            causes.merge(REASON_WORDS.getOrDefault(r.reason(), r.reason() + " exits"), r.exits(), Long::sum);
            nonIo += r.exits();
        }
        long ioExits = d.exits() - nonIo;
        boolean batched = accesses > ioExits && accesses > 0;
        long total = batched ? accesses + nonIo : d.exits();
        if (total <= 0) return new Dominant(id + ": the workload caused no exits to user space", 0, List.of());
        List<Map.Entry<String, Long>> sorted = causes.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        List<String> named = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        long covered = 0;
        for (Map.Entry<String, Long> e : sorted) {
            // Name up to three causes: past half of the exits, only those worth a tenth or more.
            if (named.size() == 3 || (covered * 2 >= total && e.getValue() * 10 < total)) break;
            named.add(e.getKey());
            parts.add(e.getKey() + " (" + percent((double) e.getValue() / total) + ")");
            covered += e.getValue();
        }
        double share = (double) covered / total;
        String what = batched ? "of exits and batched string I/O accesses" : "of exits";
        String list = parts.size() == 1 ? parts.getFirst()
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
        return new Dominant(id + ": " + percent(share) + " " + what + " are " + list, share, named);
    }

    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    public DeviceReport device(DeviceModel model) {
        return devices.stream().filter(d -> d.model() == model).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(model.id() + " is not in this report"));
    }
}
