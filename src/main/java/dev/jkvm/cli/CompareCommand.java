package dev.jkvm.cli;

import dev.jkvm.VmmException;
import dev.jkvm.compare.ChildProcessLauncher;
import dev.jkvm.compare.Comparison;
import dev.jkvm.compare.ComparisonRunner;
import dev.jkvm.compare.JsonReport;
import dev.jkvm.compare.Report;
import dev.jkvm.compare.SvgChart;
import dev.jkvm.compare.TableFormatter;
import dev.jkvm.config.AccelChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "compare",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 110,
        sortOptions = false,
        description = {
                "Compare the vmexits of emulated and paravirtual devices on one workload. Boots the default guest twice",
                "per device model, each disk model on a fresh image: once with the workload and once without (a baseline",
                "whose counts are subtracted), then prints exits per MiB and per request by reason and by register,",
                "guest-side throughput, host CPU time, and what dominates each model's exits.",
                "  disk: IDE PIO (pio=on), IDE bus-master DMA, virtio-blk. Sequential O_DIRECT read and write of",
                "        --size MiB in 1 MiB blocks, then --random-reads random 4 KiB O_DIRECT reads.",
                "  net:  e1000, virtio-net. --size MiB sent to the user-mode peer's sink (10.0.2.2:9), --size MiB",
                "        received from its source (10.0.2.2:19), --packets ICMP echo round trips."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jkvm compare disk                                  IDE PIO, IDE DMA and virtio-blk, 8 MiB each way",
                "  jkvm compare net --accel tcg --size 4 --packets 100  e1000 and virtio-net on the software CPU",
                "  jkvm compare disk --json disk.json --svg disk.svg  also write the JSON report and a bar chart",
                "The JSON follows the schema printed by: jkvm compare schema"})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "disk|net|schema",
            description = "Which comparison to run; `schema` prints the JSON report's JSON Schema. Example: disk")
    String what;

    @Option(names = "--accel", paramLabel = "auto|kvm|tcg", defaultValue = "auto", converter = AccelConverter.class,
            description = "CPU backend for every boot; both comparisons run on either (default: ${DEFAULT-VALUE}). Example: --accel tcg")
    AccelChoice accel;

    @Option(names = "--size", paramLabel = "MIB", defaultValue = "" + Comparison.DEFAULT_SIZE_MIB,
            description = "MiB read and written (disk) or sent and received (net) (default: ${DEFAULT-VALUE}). Example: --size 64")
    int size;

    @Option(names = "--packets", paramLabel = "N", defaultValue = "" + Comparison.DEFAULT_PACKETS,
            description = "net: ICMP echo round trips with the peer (default: ${DEFAULT-VALUE}). Example: --packets 1000")
    int packets;

    @Option(names = "--random-reads", paramLabel = "N",
            description = "disk: random 4 KiB reads (default: " + Comparison.RANDOM_READS_PER_MIB
                    + " per MiB of --size). Example: --random-reads 512")
    Integer randomReads;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the report as JSON (schema: `jkvm compare schema`). Example: --json disk.json")
    Path json;

    @Option(names = "--svg", paramLabel = "FILE",
            description = "Also write a bar chart of exits per MiB by device, stacked by register. Example: --svg disk.svg")
    Path svg;

    @Option(names = "--keep", paramLabel = "DIR",
            description = "Keep every boot's console log, stats JSON and output in DIR (default: a temporary directory, "
                    + "removed). Example: --keep /tmp/compare-runs")
    Path keep;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "Give up on a boot after this long (default: ${DEFAULT-VALUE}). Example: --timeout 600")
    long timeoutSeconds;

    @Option(names = {"-v", "--verbose"}, description = "Log debug detail to stderr. Example: -v")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Logging.setVerbose(verbose);
        if (what.equals("schema")) {
            spec.commandLine().getOut().print(JsonReport.schema());
            spec.commandLine().getOut().flush();
            return ExitStatus.OK;
        }
        Comparison comparison = comparison();
        Path dir = workDirectory();
        try {
            ComparisonRunner runner = new ComparisonRunner(ChildProcessLauncher.locate(Duration.ofSeconds(timeoutSeconds)),
                    line -> {
                        spec.commandLine().getErr().println("jkvm compare: " + line);
                        spec.commandLine().getErr().flush();
                    });
            Report report = Report.from(runner.run(comparison, accel, dir));
            if (json != null) write(json, JsonReport.write(report));
            if (svg != null) write(svg, SvgChart.render(report));
            spec.commandLine().getOut().print(TableFormatter.format(report));
            spec.commandLine().getOut().flush();
            return ExitStatus.OK;
        } finally {
            if (keep == null) deleteTree(dir);
        }
    }

    Comparison comparison() {
        if (size < 1 || size > 4096) throw new VmmException("--size " + size + ": expected 1 to 4096 MiB");
        if (packets < 0 || packets > 1_000_000) throw new VmmException("--packets " + packets + ": expected 0 to 1000000");
        int reads = randomReads == null ? size * Comparison.RANDOM_READS_PER_MIB : randomReads;
        if (reads < 0 || reads > 1_000_000) throw new VmmException("--random-reads " + reads + ": expected 0 to 1000000");
        if (timeoutSeconds < 1) throw new VmmException("--timeout " + timeoutSeconds + ": expected at least 1 second");
        return switch (what.toLowerCase(Locale.ROOT)) {
            case "disk" -> Comparison.disk(size, reads);
            case "net" -> Comparison.net(size, packets);
            default -> throw new VmmException("compare '" + what + "': expected disk, net or schema");
        };
    }

    private Path workDirectory() {
        try {
            if (keep != null) return Files.createDirectories(keep);
            return Files.createTempDirectory("jkvm-compare-");
        } catch (IOException e) {
            throw new VmmException((keep != null ? "--keep " + keep : "temporary directory") + ": " + e.getMessage());
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
