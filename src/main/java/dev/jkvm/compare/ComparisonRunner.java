package dev.jkvm.compare;

import dev.jkvm.config.AccelChoice;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a comparison: for each device model, a baseline boot (the same guest, the same setup and markers,
 * no transfers) and a measured boot, each disk model on a fresh sparse raw image. The baseline's counts are
 * subtracted from the measured run's (see {@link ExitStats#minus}), so the figures count the workload and
 * not the boot.
 */
public final class ComparisonRunner {
    /** The two boots of one model. */
    public record ModelRuns(DeviceModel model, RunResult workload, RunResult baseline) {}

    /** Everything a report needs. */
    public record Outcome(Comparison comparison, AccelChoice accel, List<ModelRuns> runs) {}

    private final GuestLauncher launcher;
    private final Consumer<String> progress;

    public ComparisonRunner(GuestLauncher launcher, Consumer<String> progress) {
        this.launcher = launcher;
        this.progress = progress;
    }

    public Outcome run(Comparison comparison, AccelChoice accel, Path workDir) {
        List<ModelRuns> runs = new ArrayList<>();
        for (DeviceModel model : comparison.models()) {
            progress.accept(model.id() + ": baseline boot (no workload)");
            RunResult baseline = boot(comparison, model, true, accel, workDir);
            progress.accept(model.id() + ": workload boot (" + comparison.describe() + ")");
            RunResult workload = boot(comparison, model, false, accel, workDir);
            runs.add(new ModelRuns(model, workload, baseline));
        }
        return new Outcome(comparison, accel, runs);
    }

    private RunResult boot(Comparison comparison, DeviceModel model, boolean nullPhase, AccelChoice accel, Path dir) {
        Optional<Path> image = Optional.empty();
        try {
            Files.createDirectories(dir);
            if (model.kind() == Comparison.Kind.DISK) {
                Path file = dir.resolve(model.id() + (nullPhase ? ".null" : "") + ".img");
                Files.deleteIfExists(file);
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                    raf.setLength(comparison.diskImageBytes()); // sparse: reads as zeros
                }
                image = Optional.of(file);
            }
            RunRequest request = new RunRequest(comparison, model, nullPhase, accel,
                    Workload.script(comparison, model, nullPhase), image, dir);
            return launcher.launch(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            image.ifPresent(ComparisonRunner::deleteQuietly);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover sparse image in the work directory is harmless
        }
    }
}
