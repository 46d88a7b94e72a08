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
        Optional<Path> statsJson,
        FastPaths fastPaths) {
    /** Without --fast-paths: all of KVM's fast paths. */
    public VmConfig(Optional<Path> kernel, Optional<Path> initrd, String append, Optional<String> runCommand, long memoryBytes,
                    int cpus, AccelChoice accel, List<DiskSpec> disks, List<NicSpec> nics, ConsoleSpec console,
                    Optional<Path> statsJson) {
        this(kernel, initrd, append, runCommand, memoryBytes, cpus, accel, disks, nics, console, statsJson, FastPaths.ALL);
    }
}
