package dev.jkvm.guest;

import dev.jkvm.VmmException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where built default guests live: $JKVM_CACHE/guest/&lt;kernel-version&gt;/ (default ~/.cache/jkvm).
 * The file guest/current names the version `jkvm run` boots. A guest is built in a staging directory
 * next to its final place and renamed into it, so an interrupted build never leaves a half guest.
 */
public final class GuestCache {
    public static final String KERNEL = "vmlinuz";
    public static final String INITRAMFS = "initramfs.cpio.gz";
    public static final String MANIFEST = "manifest";
    private static final String CURRENT = "current";

    private final Path root;

    public GuestCache(Path root) {
        this.root = root;
    }

    /** The cache named by $JKVM_CACHE, or ~/.cache/jkvm. */
    public static GuestCache fromEnvironment() {
        String env = System.getenv("JKVM_CACHE");
        Path base = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "jkvm");
        return new GuestCache(base);
    }

    public Path root() {
        return root;
    }

    public Path guestDir(String kernelVersion) {
        return root.resolve("guest").resolve(kernelVersion);
    }

    /** A directory for derived files such as decompressed kernels. */
    public Path derivedDir() {
        return root.resolve("derived");
    }

    /** A new, empty directory to build a guest in before {@link #install} moves it into place. */
    public Path createStagingDir(String kernelVersion) throws IOException {
        Files.createDirectories(root.resolve("guest"));
        return Files.createTempDirectory(root.resolve("guest"), kernelVersion + ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    /** Moves a finished staging directory to the guest's directory, replacing an older build, and marks it current. */
    public DefaultGuest install(Path stagingDir, String kernelVersion) throws IOException {
        Path dir = guestDir(kernelVersion);
        if (Files.exists(dir)) {
            Path old = Files.createTempDirectory(root.resolve("guest"), kernelVersion + ".old");
            Files.move(dir, old, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(stagingDir, dir, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } else {
            Files.move(stagingDir, dir, StandardCopyOption.ATOMIC_MOVE);
        }
        markCurrent(kernelVersion);
        return current();
    }

    public void markCurrent(String kernelVersion) throws IOException {
        Files.createDirectories(root.resolve("guest"));
        Path tmp = root.resolve("guest").resolve(CURRENT + ".tmp");
        Files.writeString(tmp, kernelVersion + "\n");
        Files.move(tmp, root.resolve("guest").resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The kernel version the current marker names, if any. */
    public Optional<String> currentVersion() throws IOException {
        Path marker = root.resolve("guest").resolve(CURRENT);
        return Files.isRegularFile(marker) ? Optional.of(Files.readString(marker).trim()) : Optional.empty();
    }

    /** Deletes a directory and everything in it; a missing directory is fine. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }

    /** The default guest's files, or an error saying how to build them. */
    public DefaultGuest current() {
        Path marker = root.resolve("guest").resolve(CURRENT);
        try {
            Optional<String> current = currentVersion();
            if (current.isPresent()) {
                String version = current.get();
                Path dir = guestDir(version);
                DefaultGuest guest = new DefaultGuest(version, dir.resolve(KERNEL), dir.resolve(INITRAMFS));
                if (Files.isRegularFile(guest.kernel()) && Files.isRegularFile(guest.initramfs())) return guest;
            }
        } catch (IOException e) {
            throw new VmmException("cannot read the guest cache " + marker + ": " + e.getMessage());
        }
        throw new VmmException("the default guest is not built (looked in " + root.resolve("guest")
                + "): run `make guest` or `jkvm guest build`, or pass --kernel and --initrd");
    }

    /** The kernel and initramfs of a built default guest. */
    public record DefaultGuest(String kernelVersion, Path kernel, Path initramfs) {}
}
