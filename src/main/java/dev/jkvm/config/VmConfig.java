package dev.jkvm.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Everything `jkvm run` was asked for, validated. */
public record VmConfig(
        Optional<Path> kernel,
        Optional<Path> initrd,
        String append,
        Optional<String> runCommand,
        long memoryBytes,
        int cpus,
        AccelChoice accel,
        List<DiskSpec> disks,
        List<NicSpec> nics,
        ConsoleSpec console,
        Optional<Path> statsJson) {
}
