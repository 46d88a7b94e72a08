package dev.jkvm.compare;

import dev.jkvm.config.AccelChoice;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One boot of the default guest for a comparison: the model and its `jkvm run` options, the guest script, and
 * the directory where the run's console log and statistics go.
 *
 * @param nullPhase true for the baseline boot whose counts are subtracted
 * @param diskImage the fresh raw image of a disk model
 */
public record RunRequest(Comparison comparison, DeviceModel model, boolean nullPhase, AccelChoice accel, String script,
                         Optional<Path> diskImage, Path directory) {
    /** A file name stem for this run's files: "ide-dma" or "ide-dma.null". */
    public String stem() {
        return model.id() + (nullPhase ? ".null" : "");
    }

    public Path consoleFile() {
        return directory.resolve(stem() + ".console.log");
    }

    public Path statsFile() {
        return directory.resolve(stem() + ".stats.json");
    }

    /** The `jkvm run` arguments after "run". */
    public List<String> runArguments(String memory) {
        List<String> args = new java.util.ArrayList<>(List.of("--accel", accel.name().toLowerCase(java.util.Locale.ROOT),
                "--memory", memory, "--console", "file:" + consoleFile(), "--stats-json", statsFile().toString()));
        args.addAll(model.runOptions(diskImage));
        if (!model.append().isEmpty()) args.addAll(List.of("--append", model.append()));
        args.addAll(List.of("--run", script));
        return args;
    }
}
