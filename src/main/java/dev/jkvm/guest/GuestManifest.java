package dev.jkvm.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a built default guest is made of, stored as key=value lines in its directory. A build is up to
 * date when its inputs (packages, init script, wanted modules) equal those of a new build.
 *
 * @param kernelPackage  package name and version, e.g. "linux-image-6.1.0-50-amd64 6.1.176-1"
 * @param busyboxPackage package name and version
 * @param moduleOrder    the modules the init loads, in order
 */
public record GuestManifest(String kernelVersion, String kernelPackage, String busyboxPackage, String initSha256,
                            List<String> wantedModules, List<String> moduleOrder) {

    public boolean sameInputs(GuestManifest other) {
        return kernelVersion.equals(other.kernelVersion) && kernelPackage.equals(other.kernelPackage)
                && busyboxPackage.equals(other.busyboxPackage) && initSha256.equals(other.initSha256)
                && wantedModules.equals(other.wantedModules);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public void write(Path file) throws IOException {
        String text = "kernel-version=" + kernelVersion + "\n"
                + "kernel-package=" + kernelPackage + "\n"
                + "busybox-package=" + busyboxPackage + "\n"
                + "init-sha256=" + initSha256 + "\n"
                + "wanted-modules=" + String.join(" ", wantedModules) + "\n"
                + "module-order=" + String.join(" ", moduleOrder) + "\n";
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The manifest in file; empty when it is missing or incomplete (written by an older jkvm), so the guest gets rebuilt. */
    public static Optional<GuestManifest> read(Path file) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                if (equals > 0) fields.put(line.substring(0, equals), line.substring(equals + 1));
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        List<String> keys = List.of("kernel-version", "kernel-package", "busybox-package", "init-sha256", "wanted-modules", "module-order");
        if (!fields.keySet().containsAll(keys)) return Optional.empty();
        return Optional.of(new GuestManifest(fields.get("kernel-version"), fields.get("kernel-package"),
                fields.get("busybox-package"), fields.get("init-sha256"),
                words(fields.get("wanted-modules")), words(fields.get("module-order"))));
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split(" ")).filter(w -> !w.isEmpty()).collect(Collectors.toUnmodifiableList());
    }
}
