package dev.jkvm.compare;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The report as fixed-width text tables: a summary, exits by reason, the top registers, and one line per model. */
public final class TableFormatter {
    /** Registers listed per model in the top-registers table. */
    public static final int TOP_REGISTERS = 5;

    private TableFormatter() {}

    public static String format(Report report) {
        Comparison c = report.comparison();
        boolean disk = c.kind() == Comparison.Kind.DISK;
        StringBuilder out = new StringBuilder();
        out.append("jkvm compare ").append(c.kind().id()).append(" (accelerator: ").append(report.accelerator());
        if (!report.accelOption().equals(report.accelerator())) out.append(", --accel ").append(report.accelOption());
        out.append(")\n");
        out.append("workload: ").append(c.describe()).append('\n');
        out.append("counts: each model's workload boot minus a baseline boot of the same guest without the transfers\n\n");

        Table summary = new Table("model", "MiB", disk ? "requests" : "packets", "exits", "exits/MiB",
                disk ? "exits/req" : "exits/pkt", "in-kernel/MiB",
                disk ? "seq read MiB/s" : "tx MiB/s", disk ? "seq write MiB/s" : "rx MiB/s",
                disk ? "rand read IOPS" : "pings/s", "host CPU s (baseline)");
        for (Report.DeviceReport d : report.devices()) {
            List<Double> t = new ArrayList<>(d.throughput().values());
            summary.row(d.model().id(), num(d.mib()), Long.toString(d.requests()), String.format(Locale.ROOT, "%,d", d.exits()),
                    num(d.exitsPerMib()), num(d.exitsPerRequest()), num(d.inKernelPerMib()),
                    num(t.size() > 0 ? t.get(0) : Double.NaN), num(t.size() > 1 ? t.get(1) : Double.NaN),
                    num(t.size() > 2 ? t.get(2) : Double.NaN),
                    // Both boots' totals: their difference is within the noise of a short workload.
                    num(d.hostCpuSeconds()) + " (" + num(d.baselineHostCpuSeconds()) + ")");
        }
        out.append(summary.render()).append('\n');

        Set<String> reasons = new LinkedHashSet<>(List.of("io_in", "io_out", "mmio_read", "mmio_write", "hlt"));
        for (Report.DeviceReport d : report.devices()) d.reasons().forEach(r -> reasons.add(r.reason()));
        List<String> header = new ArrayList<>(List.of("exits/MiB by reason"));
        header.addAll(reasons);
        Table byReason = new Table(header.toArray(String[]::new));
        for (Report.DeviceReport d : report.devices()) {
            List<String> row = new ArrayList<>(List.of(d.model().id()));
            for (String reason : reasons) {
                long n = d.reasons().stream().filter(r -> r.reason().equals(reason)).mapToLong(Report.ReasonCount::exits).sum();
                row.add(num(Report.per(n, d.mib())));
            }
            byReason.row(row.toArray(String[]::new));
        }
        out.append(byReason.render()).append('\n');

        Table top = new Table("top registers", "register", "window", "exits/MiB", disk ? "per req" : "per pkt", "share",
                "handler ns");
        for (Report.DeviceReport d : report.devices()) {
            List<Report.RegisterCount> regs = d.registers();
            for (int i = 0; i < Math.min(TOP_REGISTERS, regs.size()); i++) {
                Report.RegisterCount r = regs.get(i);
                top.row(i == 0 ? d.model().id() : "", r.key(), r.window(), num(r.perMib()), num(r.perRequest()),
                        Report.percent(r.share()), num(r.count() > 0 ? (double) r.handlerNs() / r.count() : Double.NaN));
            }
            if (regs.isEmpty()) top.row(d.model().id(), "(no register accesses)", "", "", "", "", "");
        }
        out.append(top.render()).append('\n');

        for (Report.DeviceReport d : report.devices()) out.append(d.dominant().sentence()).append('\n');
        return out.toString();
    }

    /** 12,345 / 123 / 12.3 / 1.23; "-" when not measured. */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "-";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** A fixed-width table: the first column left-aligned, numbers right-aligned, two spaces between columns. */
    static final class Table {
        private final String[] header;
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            this.header = header;
        }

        void row(String... cells) {
            if (cells.length != header.length) throw new IllegalArgumentException("row of " + cells.length + " cells, header of " + header.length);
            rows.add(cells);
        }

        String render() {
            int[] width = new int[header.length];
            boolean[] left = new boolean[header.length];
            for (int i = 0; i < header.length; i++) {
                width[i] = header[i].length();
                left[i] = i == 0;
            }
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                    if (!r[i].isEmpty() && !r[i].matches("[-0-9.,%]+")) left[i] = true;
                }
            }
            StringBuilder out = new StringBuilder();
            line(out, header, width, left);
            for (String[] r : rows) line(out, r, width, left);
            return out.toString();
        }

        private static void line(StringBuilder out, String[] cells, int[] width, boolean[] left) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) l.append("  ");
                String pad = " ".repeat(width[i] - cells[i].length());
                l.append(left[i] ? cells[i] + pad : pad + cells[i]);
            }
            out.append(l.toString().stripTrailing()).append('\n');
        }
    }

}
