package dev.jkvm.nested;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what src/test/nested/kvm-exits.sh leaves for one case (a VMM running a workload under the nested
 * KVM) and computes, per phase, the exits KVM counted minus those of the "null" phase (the markers and idle
 * time alone):
 *
 * <ul>
 *   <li>total exits, port I/O and MMIO exits from the VM's debugfs counters ({@code .snaps});</li>
 *   <li>exits to user space: the kvm:kvm_userspace_exit events between the phase's trace markers, each
 *       attributed to the kvm_pio or kvm_mmio event that preceded it on the same vCPU thread (the
 *       register it exited for) ({@code .trace});</li>
 *   <li>disk requests from the guest's /sys/block stat lines ({@code .log}).</li>
 * </ul>
 *
 * <p>{@code main("bench", DIR, MIB)} prints the per-MiB tables of make bench-exits-kvm, jkvm and QEMU side by side.
 */
public final class KvmExits {
    /** A register as the trace names it: "pio write 0x1f7", "mmio write 0xfebd0818". */
    public record Register(String space, String direction, long address) {
        @Override
        public String toString() {
            return String.format("%s %s %#x", space, direction, address);
        }
    }

    /** One phase's counts, after the null phase is subtracted. */
    public record Phase(String name, long exits, long ioExits, long mmioExits, long userExits,
                        Map<Register, Long> userRegisters, long requests) {
        public double perRequest(long n) {
            return requests == 0 ? Double.NaN : (double) n / requests;
        }

        /** The registers behind the user-space exits, most first. */
        public List<Map.Entry<Register, Long>> top(int n) {
            return userRegisters.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<Register, Long>comparingByValue().reversed()
                            .thenComparing(e -> e.getKey().address()))
                    .limit(n).toList();
        }

        /** User-space exits at the register, over all directions of access. */
        public long user(String space, String direction, long address) {
            return userRegisters.getOrDefault(new Register(space, direction, address), 0L);
        }
    }

    private record Raw(long exits, long io, long mmio, long user, Map<Register, Long> registers) {}

    private static final Pattern MARK = Pattern.compile("tracing_mark_write: PHASE (begin|end) (\\S+)");
    private static final Pattern TASK = Pattern.compile("^\\s*(.+?-\\d+)\\s+\\[");
    private static final Pattern PIO = Pattern.compile("kvm_pio: pio_(read|write) at 0x([0-9a-f]+) size (\\d+) count (\\d+)");
    private static final Pattern MMIO = Pattern.compile("kvm_mmio: mmio (unsatisfied-read|read|write) len (\\d+) gpa 0x([0-9a-f]+)");
    private static final Pattern EXIT = Pattern.compile("kvm_userspace_exit: reason (\\S+)");
    private static final Pattern STAT = Pattern.compile("JKVM-CMP stat ([01]) (\\S+)((?: \\d+)+)");

    private KvmExits() {}

    /** The phases of one case, by name, without "null". */
    public static Map<String, Phase> read(Path dir, String caseName) throws IOException {
        Map<String, long[]> begin = new HashMap<>(), end = new HashMap<>();
        Path snaps = dir.resolve(caseName + ".snaps");
        if (Files.exists(snaps)) {
            for (String line : Files.readAllLines(snaps)) {
                String[] f = line.strip().split("\\s+");
                if (f.length < 6) continue;
                long[] v = new long[4];
                for (int i = 0; i < 4; i++) v[i] = Long.parseLong(f[2 + i]);
                (f[0].equals("begin") ? begin : end).put(f[1], v);
            }
        }
        Map<String, Raw> traced = trace(dir.resolve(caseName + ".trace"));
        Map<String, long[]> requests = requests(dir.resolve(caseName + ".log"));

        Map<String, Raw> raw = new LinkedHashMap<>();
        for (String phase : end.keySet()) {
            long[] b = begin.get(phase), e = end.get(phase);
            if (b == null) continue;
            Raw t = traced.getOrDefault(phase, new Raw(0, 0, 0, -1, Map.of()));
            raw.put(phase, new Raw(e[0] - b[0], e[1] - b[1], e[2] - b[2], t.user(), t.registers()));
        }
        Raw nul = raw.getOrDefault("null", new Raw(0, 0, 0, 0, Map.of()));
        Map<String, Phase> phases = new LinkedHashMap<>();
        for (Map.Entry<String, Raw> e : raw.entrySet()) {
            if (e.getKey().equals("null")) continue;
            Raw r = e.getValue();
            Map<Register, Long> registers = new HashMap<>(r.registers());
            nul.registers().forEach((reg, n) -> registers.computeIfPresent(reg, (k, v) -> Math.max(0, v - n)));
            long[] req = requests.get(e.getKey());
            phases.put(e.getKey(), new Phase(e.getKey(), Math.max(0, r.exits() - nul.exits()), Math.max(0, r.io() - nul.io()),
                    Math.max(0, r.mmio() - nul.mmio()), r.user() < 0 ? -1 : Math.max(0, r.user() - Math.max(0, nul.user())),
                    registers, req == null ? 0 : req[0]));
        }
        return phases;
    }

    /**
     * User-space exits per phase between the PHASE trace markers, each with the access it was for. A write (or an
     * MMIO read KVM cannot satisfy) is traced before its exit; a port read is traced after it, when KVM completes it
     * on re-entry, so an I/O exit with no port write just before it takes the port read that follows.
     */
    static Map<String, Raw> trace(Path file) throws IOException {
        Map<String, Raw> out = new LinkedHashMap<>();
        if (!Files.exists(file)) return out;
        String current = null;
        long user = 0;
        Map<Register, Long> registers = new HashMap<>();
        Map<String, Register> lastAccess = new HashMap<>();
        Map<String, Boolean> awaiting = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = MARK.matcher(line);
            if (m.find()) {
                if (m.group(1).equals("begin")) {
                    current = m.group(2);
                    user = 0;
                    registers = new HashMap<>();
                } else if (m.group(2).equals(current)) {
                    out.put(current, new Raw(0, 0, 0, user, registers));
                    current = null;
                }
                continue;
            }
            Matcher task = TASK.matcher(line);
            String who = task.find() ? task.group(1) : "";
            Matcher pio = PIO.matcher(line);
            Matcher mmio = MMIO.matcher(line);
            Register access = null;
            boolean completion = false;
            if (pio.find()) {
                access = new Register("pio", pio.group(1), Long.parseLong(pio.group(2), 16));
            } else if (mmio.find()) {
                access = new Register("mmio", mmio.group(1).equals("write") ? "write" : "read", Long.parseLong(mmio.group(3), 16));
                completion = mmio.group(1).equals("read");
            }
            // An I/O exit waiting for its access: a port read right after it is the one; otherwise the port write before it.
            Boolean exitInPhase = awaiting.remove(who);
            if (exitInPhase != null) {
                boolean isRead = access != null && access.space().equals("pio") && access.direction().equals("read");
                Register r = isRead ? access : lastAccess.get(who);
                if (r == null || !r.space().equals("pio")) r = new Register("other", "KVM_EXIT_IO", 0);
                if (exitInPhase) registers.merge(r, 1L, Long::sum);
                lastAccess.remove(who);
                if (isRead) continue;
            }
            if (access != null) {
                if (!completion) lastAccess.put(who, access);
                continue;
            }
            Matcher exit = EXIT.matcher(line);
            if (!exit.find()) continue;
            String reason = exit.group(1);
            if (reason.equals("restart") || reason.equals("error")) continue;
            boolean inPhase = current != null;
            if (inPhase) user++;
            if (reason.equals("KVM_EXIT_IO")) {
                awaiting.put(who, inPhase);
            } else {
                Register r = lastAccess.remove(who);
                if (!reason.equals("KVM_EXIT_MMIO") || r == null || !r.space().equals("mmio")) r = new Register("other", reason, 0);
                if (inPhase) registers.merge(r, 1L, Long::sum);
            }
        }
        return out;
    }

    /** Disk requests (reads + writes completed) per phase, from the stat lines around it; the phase is the device. */
    static Map<String, long[]> requests(Path log) throws IOException {
        Map<String, long[]> before = new HashMap<>(), out = new HashMap<>();
        if (!Files.exists(log)) return out;
        Matcher m = STAT.matcher(Files.readString(log).replace("\r", ""));
        while (m.find()) {
            String[] f = m.group(3).strip().split(" ");
            long[] v = {Long.parseLong(f[0]), f.length > 4 ? Long.parseLong(f[4]) : 0};
            if (m.group(1).equals("0")) before.put(m.group(2), v);
            else if (before.containsKey(m.group(2))) {
                long[] b = before.get(m.group(2));
                out.put(m.group(2), new long[]{(v[0] - b[0]) + (v[1] - b[1])});
            }
        }
        return out;
    }

    /** The kvm-exits line of make test-kvm. */
    public static String summaryLine(Map<String, Phase> disk) {
        return String.format(Locale.ROOT, "kvm-exits: ide-dma %s user exits per request, virtio-blk %s user exits per request",
                perRequest(disk.get("sda")), perRequest(disk.get("vda")));
    }

    private static String perRequest(Phase p) {
        if (p == null || p.requests() == 0 || p.userExits() < 0) return "?";
        return String.format(Locale.ROOT, "%.1f", p.perRequest(p.userExits()));
    }

    // ---- make bench-exits-kvm: the side-by-side tables ----

    private record Row(String workload, String jkvmCase, String qemuCase, String phase) {}

    private static final List<Row> ROWS = List.of(
            new Row("IDE, bus-master DMA (read)", "jkvm-disk", "qemu-disk", "sda"),
            new Row("virtio-blk, MSI-X (read)", "jkvm-disk", "qemu-disk", "vda"),
            new Row("e1000 receive", "jkvm-net", "qemu-net", "rx"),
            new Row("e1000 transmit", "jkvm-net", "qemu-net", "tx"),
            new Row("virtio-net receive", "jkvm-vnet", "qemu-vnet", "rx"),
            new Row("virtio-net transmit", "jkvm-vnet", "qemu-vnet", "tx"));

    static String benchTables(Path dir, double mib) throws IOException {
        Map<String, Map<String, Phase>> cases = new HashMap<>();
        for (String c : List.of("jkvm-disk", "qemu-disk", "jkvm-net", "qemu-net", "jkvm-vnet", "qemu-vnet", "jkvm-disk-off", "jkvm-net-off")) {
            cases.put(c, read(dir, c));
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Exits per MiB under nested KVM (%.0f MiB per workload, null phase subtracted; "
                + "total from KVM's per-VM debugfs counters, user space from kvm:kvm_userspace_exit)%n%n", mib));
        s.append("| workload | jkvm exits/MiB | jkvm to user space/MiB | QEMU exits/MiB | QEMU to user space/MiB |\n");
        s.append("|---|---:|---:|---:|---:|\n");
        for (Row r : ROWS) {
            Phase j = cases.get(r.jkvmCase()).get(r.phase()), q = cases.get(r.qemuCase()).get(r.phase());
            if (j == null && q == null) continue;
            s.append("| ").append(r.workload()).append(" | ").append(perMib(j == null ? -1 : j.exits(), mib)).append(" | ")
                    .append(perMib(j == null ? -1 : j.userExits(), mib)).append(" | ").append(perMib(q == null ? -1 : q.exits(), mib))
                    .append(" | ").append(perMib(q == null ? -1 : q.userExits(), mib)).append(" |\n");
        }
        for (Map.Entry<String, String> off : Map.of("jkvm-disk-off", "jkvm --fast-paths=none", "jkvm-net-off", "jkvm --no-coalesced-mmio").entrySet()) {
            Map<String, Phase> c = cases.get(off.getKey());
            for (Phase p : c.values()) {
                s.append("| ").append(off.getValue()).append(", ").append(p.name()).append(" | ").append(perMib(p.exits(), mib))
                        .append(" | ").append(perMib(p.userExits(), mib)).append(" | | |\n");
            }
        }
        s.append("\nRegisters behind the user-space exits, per MiB (top 6)\n\n");
        s.append("| workload | jkvm | QEMU |\n|---|---|---|\n");
        for (Row r : ROWS) {
            Phase j = cases.get(r.jkvmCase()).get(r.phase()), q = cases.get(r.qemuCase()).get(r.phase());
            if (j == null && q == null) continue;
            s.append("| ").append(r.workload()).append(" | ").append(top(j, mib)).append(" | ").append(top(q, mib)).append(" |\n");
        }
        Phase ide = cases.get("jkvm-disk").get("sda"), blk = cases.get("jkvm-disk").get("vda");
        Phase qide = cases.get("qemu-disk").get("sda"), qblk = cases.get("qemu-disk").get("vda");
        s.append(String.format(Locale.ROOT, "%nPer disk request: jkvm IDE %s, virtio-blk %s; QEMU IDE %s, virtio-blk %s user-space exits%n",
                perRequest(ide), perRequest(blk), perRequest(qide), perRequest(qblk)));
        return s.toString();
    }

    private static String perMib(long n, double mib) {
        return n < 0 ? "-" : String.format(Locale.ROOT, "%.1f", n / mib);
    }

    private static String top(Phase p, double mib) {
        if (p == null) return "-";
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Register, Long> e : p.top(6)) {
            parts.add(String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / mib));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("bench")) {
            double mib = args.length > 2 ? Double.parseDouble(args[2]) : 32;
            System.out.print(benchTables(Path.of(args[1]), mib));
        } else if (args.length >= 3 && args[0].equals("case")) {
            read(Path.of(args[1]), args[2]).values().forEach(System.out::println);
        } else {
            System.err.println("usage: KvmExits bench DIR [MIB] | case DIR CASE");
            System.exit(2);
        }
    }

    static Comparator<Phase> byName() {
        return Comparator.comparing(Phase::name);
    }
}
