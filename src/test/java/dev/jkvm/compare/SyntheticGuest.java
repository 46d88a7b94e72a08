package dev.jkvm.compare;

import dev.jkvm.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stand-in for a booted guest: writes, for a run request, the stats JSON `jkvm run --stats-json` would write
 * (ExitStatistics' shape) and the console log the workload script would print, then parses them back like
 * {@link ChildProcessLauncher} does. The device costs follow /work/shared/GUEST-NOTES.md's QEMU-under-KVM table:
 * <ul>
 *   <li>IDE DMA: 512 KiB requests, 31 port accesses each (status 0x1f7 x4, alt status 0x3f6 x4, bus-master x9,
 *       LBA48 taskfile 0x1f1-0x1f6 x2 each, command, device control), an interrupt (HLT exit, PIC EOI) each;</li>
 *   <li>IDE PIO: one exit per 512-byte sector read (rep insl batches 128 data-port accesses), one exit per 4 bytes
 *       written, an interrupt per 8 KiB, taskfile per 128 KiB request;</li>
 *   <li>virtio-blk: 1 MiB requests, one notify and one ISR read (INTx) per request;</li>
 *   <li>e1000: TDT per 2 sent frames, RDT per 4 received, ICR/IMC/IMS per interrupt (every 8 frames);</li>
 *   <li>virtio-net: a notify per 10 sent and per 20 received frames, MSI-X (no ISR read).</li>
 * </ul>
 * Every boot adds the same boot noise (console, PCI config, PIC, HLT), which the baseline subtraction removes.
 */
class SyntheticGuest implements GuestLauncher {
    static final long VIRTIO_BLK_BAR = 0xfebf0000L;
    static final long VIRTIO_NET_BAR = 0xfebd0000L;
    static final long E1000_BAR = 0xfebc0000L;

    final List<RunRequest> requests = new ArrayList<>();
    /** Extra workload exits of each model, to make a model look worse in a test. */
    final Map<DeviceModel, Long> extraHlt = new LinkedHashMap<>();

    /** Exit counters in ExitStatistics' shape. */
    static final class Stats {
        final String accelerator;
        final Map<String, Long> reasons = new LinkedHashMap<>();
        final Map<String, Window> windows = new LinkedHashMap<>();

        Stats(String accelerator) {
            this.accelerator = accelerator;
        }

        record Window(String name, String bus, long base, String exitKind, Map<String, long[]> cells) {}

        /** n accesses to a register; {@code exits} of them leave the vCPU (user-space windows only). */
        Stats access(String window, String bus, long base, boolean inKernel, long offset, String dir, int size, long n, long exits) {
            if (n == 0) return this;
            Window w = windows.computeIfAbsent(window, k -> new Window(window, bus, base, inKernel ? "in_kernel" : "user_space", new LinkedHashMap<>()));
            long[] cell = w.cells().computeIfAbsent(offset + "/" + dir + "/" + size, k -> new long[4]);
            cell[0] = offset;
            cell[1] += n;
            cell[2] = size;
            cell[3] += n * 250;
            boolean read = dir.equals("read");
            if (!inKernel) reason(bus.equals("pio") ? (read ? "io_in" : "io_out") : (read ? "mmio_read" : "mmio_write"), exits);
            return this;
        }

        Stats pio(String window, long base, long offset, String dir, long n) {
            return access(window, "pio", base, false, offset, dir, 1, n, n);
        }

        Stats mmio(String window, long base, long offset, String dir, int size, long n) {
            return access(window, "mmio", base, false, offset, dir, size, n, n);
        }

        Stats reason(String reason, long n) {
            if (n > 0) reasons.merge(reason, n, Long::sum);
            return this;
        }

        String json() {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("accelerator", accelerator);
            Map<String, Object> vcpu = new LinkedHashMap<>();
            vcpu.put("index", 0L);
            vcpu.put("exits", reasons.values().stream().mapToLong(Long::longValue).sum());
            vcpu.put("reasons", new LinkedHashMap<String, Object>(reasons));
            root.put("vcpus", List.of(vcpu));
            List<Object> devices = new ArrayList<>();
            for (Window w : windows.values()) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("name", w.name());
                d.put("bus", w.bus());
                d.put("base", w.base());
                d.put("exit_kind", w.exitKind());
                d.put("accesses", w.cells().values().stream().mapToLong(c -> c[1]).sum());
                List<Object> regs = new ArrayList<>();
                for (Map.Entry<String, long[]> e : w.cells().entrySet()) {
                    long[] c = e.getValue();
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("offset", c[0]);
                    r.put("direction", e.getKey().split("/")[1]);
                    r.put("size", c[2]);
                    r.put("count", c[1]);
                    r.put("bytes", c[1] * c[2]);
                    r.put("handler_ns", c[3]);
                    regs.add(r);
                }
                d.put("registers", regs);
                devices.add(d);
            }
            root.put("devices", devices);
            return Json.write(root);
        }
    }

    @Override
    public RunResult launch(RunRequest request) {
        requests.add(request);
        Stats stats = new Stats("tcg");
        boot(stats);
        StringBuilder console = new StringBuilder("[    0.000000] Linux version 6.1.0 (synthetic)\nJKVM-READY\n");
        Comparison c = request.comparison();
        double t = 2.5;
        long exitsBefore = stats.reasons.values().stream().mapToLong(Long::longValue).sum();
        if (c.kind() == Comparison.Kind.DISK) {
            long[] before = {120, 3, 960, 40, 0, 0, 0, 0, 0, 60, 40, 0, 0, 0, 0, 0, 0};
            long[] after = before.clone();
            console.append(marker("stat 0 " + join(before)));
            String[] phases = {Workload.PHASE_SEQ_READ, Workload.PHASE_SEQ_WRITE, Workload.PHASE_RAND_READ};
            for (String phase : phases) {
                double seconds = 0;
                if (!request.nullPhase()) seconds = disk(request.model(), phase, c, stats, after);
                console.append(marker("begin " + phase + " " + fmt(t)));
                t += seconds;
                console.append(marker("end " + phase + " " + fmt(t)));
            }
            console.append(marker("stat 1 " + join(after)));
        } else {
            long[] before = {12, 14, 1500, 1700};
            long[] after = before.clone();
            console.append(marker("net 0 " + join(before)));
            for (String phase : new String[]{Workload.PHASE_TX, Workload.PHASE_RX, Workload.PHASE_PING}) {
                double seconds = 0;
                if (!request.nullPhase()) seconds = net(request.model(), phase, c, stats, after);
                console.append(marker("begin " + phase + " " + fmt(t)));
                t += seconds;
                console.append(marker("end " + phase + " " + fmt(t)));
            }
            console.append(marker("net 1 " + join(after)));
        }
        if (!request.nullPhase()) stats.reason("hlt", extraHlt.getOrDefault(request.model(), 0L));
        console.append(marker("end 0")).append("JKVM-EXIT 0\n");
        long workloadExits = stats.reasons.values().stream().mapToLong(Long::longValue).sum() - exitsBefore;
        try {
            Files.writeString(request.statsFile(), stats.json());
            Files.writeString(request.consoleFile(), console.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Duration cpu = Duration.ofMillis(3000 + workloadExits / 500);
        return new RunResult(request, ExitStats.read(request.statsFile()), Workload.parse(console.toString()), cpu, cpu.plusMillis(400));
    }

    /** What every boot of the default guest does, workload or not. */
    static void boot(Stats s) {
        s.pio("serial-com1", 0x3f8, 0, "write", 1800);
        s.pio("serial-com1", 0x3f8, 5, "read", 1800);
        s.access("pci-conf1", "pio", 0xcf8, false, 0, "write", 4, 420, 420);
        s.access("pci-conf1", "pio", 0xcf8, false, 4, "read", 4, 420, 420);
        s.pio("rtc-cmos", 0x70, 0, "write", 30).pio("rtc-cmos", 0x70, 1, "read", 30);
        s.access("pic-master", "pio", 0x20, true, 0, "write", 1, 600, 0);
        s.access("pit", "pio", 0x40, true, 3, "write", 1, 40, 0);
        s.reason("hlt", 900).reason("irq_window_open", 40);
    }

    private static final String IDE = "ide-primary";
    private static final String IDE_CTL = "ide-primary-control";
    private static final String BM = "piix3-ide-bar4";

    /** Adds one disk phase's accesses and stat counters; returns its guest seconds. */
    static double disk(DeviceModel model, String phase, Comparison c, Stats s, long[] stat) {
        boolean random = phase.equals(Workload.PHASE_RAND_READ);
        boolean write = phase.equals(Workload.PHASE_SEQ_WRITE);
        long bytes = random ? c.randomReads() * 4096L : c.sizeMib() * (1L << 20);
        long sectors = bytes / 512;
        long requests;
        switch (model) {
            case IDE_DMA -> {
                requests = random ? c.randomReads() : bytes / (512 << 10);
                ataTaskfile(s, requests);
                s.pio(IDE, 0x1f0, 7, "read", 4 * requests);
                s.pio(IDE_CTL, 0x3f6, 0, "read", 4 * requests);
                s.pio(IDE_CTL, 0x3f6, 0, "write", requests);
                s.pio(BM, 0xc000, 0, "write", 2 * requests);
                s.pio(BM, 0xc000, 2, "read", 4 * requests);
                s.pio(BM, 0xc000, 2, "write", requests);
                s.access(BM, "pio", 0xc000, false, 4, "write", 4, 2 * requests, 2 * requests);
                s.access("pic-master", "pio", 0x20, true, 0, "write", 1, 2 * requests, 0);
                s.reason("hlt", requests);
            }
            case IDE_PIO -> {
                requests = random ? c.randomReads() : bytes / (128 << 10);
                ataTaskfile(s, requests);
                long blocks = Math.max(requests, bytes / 8192);
                s.pio(IDE, 0x1f0, 7, "read", 2 * blocks);
                s.pio(IDE_CTL, 0x3f6, 0, "read", blocks);
                if (write) {
                    s.access(IDE, "pio", 0x1f0, false, 0, "write", 4, sectors * 128, sectors * 128);
                } else {
                    s.access(IDE, "pio", 0x1f0, false, 0, "read", 4, sectors * 128, sectors);
                }
                s.access("pic-master", "pio", 0x20, true, 0, "write", 1, 2 * blocks, 0);
                s.reason("hlt", blocks / 4);
            }
            case VIRTIO_BLK -> {
                requests = random ? c.randomReads() : bytes / (1 << 20);
                s.mmio("virtio-blk3-bar4", VIRTIO_BLK_BAR, 0x3000, "write", 2, requests);
                s.mmio("virtio-blk3-bar4", VIRTIO_BLK_BAR, 0x1000, "read", 1, requests);
                s.access("pic-master", "pio", 0x20, true, 0, "write", 1, 2 * requests, 0);
                s.reason("hlt", requests);
            }
            default -> throw new IllegalArgumentException(model + " is no disk");
        }
        if (write) {
            stat[4] += requests;
            stat[6] += sectors;
        } else {
            stat[0] += requests;
            stat[2] += sectors;
        }
        double mibPerSecond = switch (model) {
            case IDE_PIO -> 3;
            case IDE_DMA -> 45;
            default -> 90;
        };
        return random ? c.randomReads() / (mibPerSecond * 40) : c.sizeMib() / mibPerSecond;
    }

    /** LBA48 taskfile: features, count, LBA low/mid/high written twice each, device once, the command. */
    private static void ataTaskfile(Stats s, long requests) {
        for (int reg = 1; reg <= 5; reg++) s.pio(IDE, 0x1f0, reg, "write", 2 * requests);
        s.pio(IDE, 0x1f0, 6, "write", 2 * requests);
        s.pio(IDE, 0x1f0, 7, "write", requests);
    }

    /** Adds one network phase; returns its guest seconds. */
    static double net(DeviceModel model, String phase, Comparison c, Stats s, long[] counters) {
        long mib = c.sizeMib();
        long dataFrames = mib * (1L << 20) / 1448;
        long tx, rx, txBytes, rxBytes;
        switch (phase) {
            case Workload.PHASE_TX -> {
                tx = dataFrames;
                rx = dataFrames / 2;
                txBytes = tx * 1514;
                rxBytes = rx * 66;
            }
            case Workload.PHASE_RX -> {
                rx = dataFrames;
                tx = dataFrames / 2;
                rxBytes = rx * 1514;
                txBytes = tx * 66;
            }
            default -> {
                tx = c.packets();
                rx = c.packets();
                txBytes = tx * 98;
                rxBytes = rx * 98;
            }
        }
        long interrupts = phase.equals(Workload.PHASE_PING) ? 2L * c.packets() : (tx + rx) / 8;
        switch (model) {
            case E1000 -> {
                s.mmio("e1000-bar0", E1000_BAR, 0x3818, "write", 4, phase.equals(Workload.PHASE_PING) ? tx : tx / 2);
                s.mmio("e1000-bar0", E1000_BAR, 0x2818, "write", 4, phase.equals(Workload.PHASE_PING) ? rx : rx / 4);
                s.mmio("e1000-bar0", E1000_BAR, 0xc0, "read", 4, interrupts);
                s.mmio("e1000-bar0", E1000_BAR, 0xd8, "write", 4, interrupts);
                s.mmio("e1000-bar0", E1000_BAR, 0xd0, "write", 4, interrupts);
                s.reason("hlt", interrupts / 2);
            }
            case VIRTIO_NET -> {
                s.mmio("virtio-net4-bar4", VIRTIO_NET_BAR, 0x3004, "write", 2, phase.equals(Workload.PHASE_PING) ? tx : tx / 10);
                s.mmio("virtio-net4-bar4", VIRTIO_NET_BAR, 0x3000, "write", 2, phase.equals(Workload.PHASE_PING) ? rx : rx / 20);
                s.reason("hlt", interrupts / 2);
            }
            default -> throw new IllegalArgumentException(model + " is no NIC");
        }
        counters[0] += rx;
        counters[1] += tx;
        counters[2] += rxBytes;
        counters[3] += txBytes;
        double mibPerSecond = model == DeviceModel.E1000 ? 20 : 60;
        return phase.equals(Workload.PHASE_PING) ? c.packets() / (model == DeviceModel.E1000 ? 2000.0 : 4000.0) : mib / mibPerSecond;
    }

    private static String marker(String text) {
        return Workload.MARKER + " " + text + "\n";
    }

    private static String join(long[] v) {
        StringBuilder b = new StringBuilder();
        for (long x : v) b.append(b.isEmpty() ? "" : " ").append(x);
        return b.toString();
    }

    private static String fmt(double t) {
        return String.format(Locale.ROOT, "%.2f", t);
    }
}
