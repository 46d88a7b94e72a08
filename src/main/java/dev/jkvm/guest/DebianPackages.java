package dev.jkvm.guest;

import dev.jkvm.VmmException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Debian's package tools run as processes: apt-cache to look packages up, apt-get to download them,
 * dpkg-deb and tar to unpack them without root. Each failure becomes a one-line {@link VmmException}.
 */
public final class DebianPackages {
    private static final List<String> TOOLS = List.of("apt-cache", "apt-get", "dpkg-deb", "tar");

    private final String searchPath;

    /** @param searchPath directories to find the tools in, as in $PATH */
    public DebianPackages(String searchPath) {
        this.searchPath = searchPath;
    }

    public static DebianPackages fromEnvironment() {
        String path = System.getenv("PATH");
        return new DebianPackages(path == null ? "" : path);
    }

    /** A package at its candidate version; size is the .deb's download size in bytes. */
    public record Package(String name, String version, long size) {}

    /** Fails with a one-line explanation unless every tool is on the search path. */
    public void requireTools() {
        TOOLS.forEach(this::tool);
    }

    /** The first dependency of a metapackage whose name starts with prefix, e.g. linux-image-amd64 → linux-image-6.1.0-50-amd64. */
    public String dependencyOf(String metapackage, String prefix) {
        for (String line : run(List.of(tool("apt-cache"), "depends", metapackage)).lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("Depends:")) {
                String dependency = trimmed.substring("Depends:".length()).strip();
                if (dependency.startsWith(prefix)) return dependency;
            }
        }
        throw new VmmException("apt-cache depends " + metapackage + " names no " + prefix + "* package");
    }

    /** The candidate versions apt would download, in the order of names (one apt-cache call: each takes about a second). */
    public List<Package> describe(List<String> names) {
        List<String> command = new ArrayList<>(List.of(tool("apt-cache"), "show", "--no-all-versions"));
        command.addAll(names);
        Map<String, Package> found = new HashMap<>();
        // apt-cache prints one paragraph of "Field: value" lines per package, Package: first.
        String name = null;
        String version = null;
        for (String line : run(command).lines().toList()) {
            if (line.startsWith("Package: ")) {
                name = line.substring("Package: ".length()).strip();
                version = null;
            } else if (line.startsWith("Version: ")) version = line.substring("Version: ".length()).strip();
            else if (line.startsWith("Size: ") && name != null && version != null) {
                found.put(name, new Package(name, version, Long.parseLong(line.substring("Size: ".length()).strip())));
            }
        }
        return names.stream().map(n -> {
            Package pkg = found.get(n);
            if (pkg == null) throw new VmmException("apt-cache show " + n + " gives no version and size; try `apt-get update`");
            return pkg;
        }).toList();
    }

    /** Downloads the package's .deb into dir and returns its path. */
    public Path download(Package pkg, Path dir) {
        // As root apt warns that the download is unsandboxed; the output is shown only on failure.
        run(List.of(tool("apt-get"), "download", pkg.name() + "=" + pkg.version()), dir);
        try (DirectoryStream<Path> debs = Files.newDirectoryStream(dir, pkg.name() + "_*.deb")) {
            for (Path deb : debs) return deb;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new VmmException("apt-get download " + pkg.name() + " left no .deb in " + dir);
    }

    /** Unpacks the members of a .deb's file system tree that match the tar wildcards (e.g. ./boot/vmlinuz-*) into dir. */
    public void extract(Path deb, Path dir, List<String> wildcards) {
        List<String> tar = new ArrayList<>(List.of(tool("tar"), "-x", "-C", dir.toString(), "--wildcards"));
        tar.addAll(wildcards);
        runPipeline(List.of(
                new ProcessBuilder(tool("dpkg-deb"), "--fsys-tarfile", deb.toString()),
                new ProcessBuilder(tar)));
    }

    private String tool(String name) {
        for (String dir : searchPath.split(":")) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) return candidate.toString();
        }
        throw new VmmException(name + " not found: `jkvm guest build` builds the default guest from Debian packages and needs "
                + String.join(", ", TOOLS) + "; on other hosts pass your own kernel and initramfs: "
                + "jkvm run --kernel FILE --initrd FILE");
    }

    private String run(List<String> command) {
        return run(command, null);
    }

    private String run(List<String> command, Path dir) {
        return runPipeline(List.of(new ProcessBuilder(command).directory(dir == null ? null : dir.toFile())));
    }

    /** Runs the processes connected stdout to stdin; returns the last one's output, or fails with the first failure's last error line. */
    private static String runPipeline(List<ProcessBuilder> stages) {
        String commandLine = String.join(" | ", stages.stream().map(s -> String.join(" ", s.command())).toList());
        try {
            List<Process> processes = ProcessBuilder.startPipeline(stages);
            processes.getFirst().getOutputStream().close();
            List<CompletableFuture<String>> errors = processes.stream().map(p -> readAsync(p.getErrorStream())).toList();
            CompletableFuture<String> output = readAsync(processes.getLast().getInputStream());
            for (int i = 0; i < processes.size(); i++) {
                int status = processes.get(i).waitFor();
                if (status != 0) {
                    throw new VmmException(commandLine + " failed (exit " + status + "): " + lastLine(errors.get(i).get(), output.get()));
                }
            }
            return output.get();
        } catch (IOException e) {
            throw new VmmException("cannot run " + commandLine + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmmException("interrupted while running " + commandLine, e);
        } catch (ExecutionException e) {
            throw new VmmException("cannot read the output of " + commandLine + ": " + e.getCause().getMessage(), e);
        }
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
    }

    /**
     * The most telling line of a failed tool's output: apt's last "E:" line (apt also warns, e.g. about
     * unsandboxed downloads as root), else the last error line, else the last output line.
     */
    private static String lastLine(String errors, String output) {
        List<String> lines = errors.lines().filter(l -> !l.isBlank()).toList();
        List<String> aptErrors = lines.stream().filter(l -> l.startsWith("E: ")).toList();
        if (!aptErrors.isEmpty()) lines = aptErrors;
        if (lines.isEmpty()) lines = output.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "no message" : lines.getLast().strip();
    }
}
