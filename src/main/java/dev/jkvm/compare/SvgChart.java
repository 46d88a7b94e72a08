package dev.jkvm.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A horizontal stacked bar chart of exits per MiB: one bar per device model (a {@code <g class="bar"
 * data-device="ID">}), one segment per top register, plus "other registers" and "exits without a register access"
 * (HLT, interrupt windows). Each bar is labelled with its total. When the largest bar is more than 20 times the
 * smallest, bar lengths use a log scale (said on the axis) and segments divide each bar by their share, so a
 * virtio bar stays visible beside IDE PIO.
 */
public final class SvgChart {
    public static final int TOP_REGISTERS = 5;
    static final String OTHER_REGISTERS = "other registers";
    static final String NON_DEVICE = "exits without a register access (HLT, interrupt windows)";

    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
            "#ff9da7", "#9c755f", "#86bcb6", "#d37295", "#8cd17d", "#499894", "#f1ce63", "#a0cbe8", "#ffbe7d"};
    private static final String OTHER_COLOR = "#9d9d9d";
    private static final String NON_DEVICE_COLOR = "#d4d4d4";

    private static final int WIDTH = 960;
    private static final int LEFT = 130;
    private static final int RIGHT = 150;
    private static final int TOP = 70;
    private static final int BAR = 28;
    private static final int GAP = 18;

    private SvgChart() {}

    record Segment(String key, double value) {}

    /** The segments of one device's bar, in exits per MiB; their sum is the device's exits per MiB. */
    static List<Segment> segments(Report.DeviceReport d) {
        List<Segment> out = new ArrayList<>();
        double perMib = d.exitsPerMib();
        if (!(perMib > 0)) return out;
        long accesses = d.registers().stream().mapToLong(Report.RegisterCount::count).sum();
        long nonDevice = d.reasons().stream().filter(r -> !Report.DEVICE_REASONS.contains(r.reason()))
                .mapToLong(Report.ReasonCount::exits).sum();
        long ioExits = d.exits() - nonDevice;
        // With string I/O batching, accesses outnumber exits: divide the bar by share instead.
        double denominator = accesses > ioExits ? accesses + nonDevice : d.exits();
        long shown = 0;
        for (int i = 0; i < Math.min(TOP_REGISTERS, d.registers().size()); i++) {
            Report.RegisterCount r = d.registers().get(i);
            out.add(new Segment(r.key(), perMib * r.count() / denominator));
            shown += r.count();
        }
        long others = accesses - shown;
        if (others > 0) out.add(new Segment(OTHER_REGISTERS, perMib * others / denominator));
        long rest = accesses > ioExits ? nonDevice : d.exits() - accesses;
        if (rest > 0) out.add(new Segment(NON_DEVICE, perMib * rest / denominator));
        return out;
    }

    public static String render(Report report) {
        List<Report.DeviceReport> devices = report.devices();
        Map<String, String> colors = new LinkedHashMap<>();
        int next = 0;
        for (Report.DeviceReport d : devices) {
            for (Segment s : segments(d)) {
                if (colors.containsKey(s.key())) continue;
                if (s.key().equals(OTHER_REGISTERS) || s.key().equals(NON_DEVICE)) continue;
                colors.put(s.key(), PALETTE[next++ % PALETTE.length]);
            }
        }
        colors.put(OTHER_REGISTERS, OTHER_COLOR);
        colors.put(NON_DEVICE, NON_DEVICE_COLOR);

        double max = 0, min = Double.MAX_VALUE;
        for (Report.DeviceReport d : devices) {
            double v = d.exitsPerMib();
            if (v > 0) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
        }
        boolean log = max > 0 && max / min > 20;
        double plot = WIDTH - LEFT - RIGHT;
        double top = log ? Math.pow(10, Math.ceil(Math.log10(max + 1))) : niceCeiling(max);
        java.util.function.DoubleUnaryOperator x = log
                ? v -> plot * Math.log10(1 + v) / Math.log10(1 + top)
                : v -> top > 0 ? plot * v / top : 0;

        int barsBottom = TOP + devices.size() * (BAR + GAP);
        int legendTop = barsBottom + 50;
        List<String> legend = colors.keySet().stream().toList();
        int legendRows = (legend.size() + 1) / 2;
        int height = legendTop + legendRows * 20 + 20;

        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"13\">\n", WIDTH, height, WIDTH, height));
        String title = "jkvm compare " + report.comparison().kind().id() + ": exits per MiB by device, stacked by register";
        s.append("  <title>").append(esc(title)).append("</title>\n");
        s.append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "  <text class=\"title\" x=\"%d\" y=\"28\" font-size=\"17\" font-weight=\"bold\">%s</text>\n", LEFT - 110, esc(title)));
        s.append(String.format(Locale.ROOT, "  <text class=\"subtitle\" x=\"%d\" y=\"48\" fill=\"#444\">%s</text>\n", LEFT - 110,
                esc("accelerator " + report.accelerator() + "; " + report.comparison().describe())));

        // axis and grid
        s.append("  <g class=\"axis\" stroke=\"#bbb\" fill=\"#444\">\n");
        for (double t : ticks(top, log)) {
            double px = LEFT + x.applyAsDouble(t);
            s.append(String.format(Locale.ROOT, "    <line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke-dasharray=\"2,3\"/>\n", px, TOP - 6, px, barsBottom));
            s.append(String.format(Locale.ROOT, "    <text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" stroke=\"none\">%s</text>\n", px, barsBottom + 16, esc(t == Math.rint(t) ? String.format(Locale.ROOT, "%,d", (long) t) : TableFormatter.num(t))));
        }
        s.append(String.format(Locale.ROOT, "    <text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" stroke=\"none\">%s</text>\n",
                LEFT + plot / 2, barsBottom + 36, esc("exits per MiB" + (log ? " (log scale; segments show each register's share)" : ""))));
        s.append("  </g>\n");

        int y = TOP;
        for (Report.DeviceReport d : devices) {
            s.append(String.format(Locale.ROOT, "  <g class=\"bar\" data-device=\"%s\">\n", esc(d.model().id())));
            s.append(String.format(Locale.ROOT, "    <text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-weight=\"bold\">%s</text>\n",
                    LEFT - 8, y + BAR / 2 + 5, esc(d.model().id())));
            List<Segment> segments = segments(d);
            double total = segments.stream().mapToDouble(Segment::value).sum();
            double barLength = x.applyAsDouble(total);
            double px = LEFT;
            for (Segment seg : segments) {
                double w = total > 0 ? barLength * seg.value() / total : 0;
                s.append(String.format(Locale.ROOT, "    <rect class=\"segment\" data-register=\"%s\" x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\" stroke=\"white\" stroke-width=\"0.5\">"
                                + "<title>%s</title></rect>\n",
                        esc(seg.key()), px, y, w, BAR, colors.get(seg.key()),
                        esc(d.model().id() + ": " + seg.key() + ", " + TableFormatter.num(seg.value()) + " exits/MiB")));
                px += w;
            }
            s.append(String.format(Locale.ROOT, "    <text class=\"total\" x=\"%.1f\" y=\"%d\">%s</text>\n", px + 6, y + BAR / 2 + 5,
                    esc(TableFormatter.num(d.exitsPerMib()) + " exits/MiB")));
            s.append("  </g>\n");
            y += BAR + GAP;
        }

        s.append("  <g class=\"legend\">\n");
        for (int i = 0; i < legend.size(); i++) {
            int col = i % 2, row = i / 2;
            int lx = 20 + col * (WIDTH / 2), ly = legendTop + row * 20;
            s.append(String.format(Locale.ROOT, "    <rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>\n", lx, ly - 10, colors.get(legend.get(i)), lx + 18, ly, esc(legend.get(i))));
        }
        s.append("  </g>\n");
        s.append("</svg>\n");
        return s.toString();
    }

    static double niceCeiling(double v) {
        if (v <= 0) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) if (m * p >= v) return m * p;
        return 10 * p;
    }

    static List<Double> ticks(double top, boolean log) {
        List<Double> out = new ArrayList<>();
        if (log) {
            out.add(0.0);
            for (double t = 1; t <= top * 1.0001; t *= 10) out.add(t);
            return out;
        }
        for (int i = 0; i <= 5; i++) out.add(top * i / 5);
        return out;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
