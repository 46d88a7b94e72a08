package dev.jkvm.devices.block;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A disk's serial number: 20 ASCII characters (the ATA and virtio-blk limit), stable for one image
 * file across runs and distinct between files, so guests can name disks by ID.
 */
final class DiskSerial {
    static final int LENGTH = 20;
    private static final String PREFIX = "JKVM";

    private DiskSerial() {}

    /** Derived from the file's device and inode, or its real path where the file system has none. */
    static String of(Path file) throws IOException {
        String identity;
        try {
            identity = Files.getAttribute(file, "unix:dev") + ":" + Files.getAttribute(file, "unix:ino");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            identity = file.toRealPath().toString();
        }
        return of(identity);
    }

    static String of(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().withUpperCase().formatHex(digest).substring(0, LENGTH - PREFIX.length());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
