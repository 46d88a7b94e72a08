package dev.jkvm.loader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Opens a kernel file: a vmlinux ELF as it is, a bzImage by decompressing its payload once on the
 * host (the guest would spend seconds on it) and caching the vmlinux by the bzImage's hash.
 */
public final class KernelImages {
    private static final Logger log = LoggerFactory.getLogger(KernelImages.class);
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};
    /** The kernel appends the decompressed size as 4 bytes after the compressed stream. */
    private static final int SIZE_TRAILER = 4;

    private KernelImages() {}

    public static KernelImage open(Path file, Path cacheDir) {
        byte[] head = readHead(file, ELF_MAGIC.length);
        if (java.util.Arrays.equals(head, ELF_MAGIC)) {
            return new KernelImage(file, ElfKernel.open(file), Optional.empty());
        }
        byte[] image = read(file);
        ByteBuffer buffer = ByteBuffer.wrap(image);
        if (!SetupHeader.looksLikeBzImage(buffer)) {
            throw new KernelImageException(file, "not a Linux kernel image (neither a bzImage with a 'HdrS' setup header nor a vmlinux ELF)");
        }
        SetupHeader header = SetupHeader.parse(file, buffer);
        Path vmlinux = decompressedCopy(file, image, header, cacheDir);
        return new KernelImage(file, ElfKernel.open(vmlinux), Optional.of(header));
    }

    private static Path decompressedCopy(Path file, byte[] image, SetupHeader header, Path cacheDir) {
        Path cached = cacheDir.resolve("vmlinux-" + sha256(image).substring(0, 24));
        if (Files.isRegularFile(cached)) {
            log.debug("using the decompressed kernel cached at {}", cached);
            return cached;
        }
        int start = (int) (header.protectedModeOffset() + header.payloadOffset());
        int length = (int) header.payloadLength() - SIZE_TRAILER;
        byte[] payload = java.util.Arrays.copyOfRange(image, start, start + Math.max(length, 0));
        PayloadFormat format = PayloadFormat.detect(payload);
        if (format == null) {
            throw new KernelImageException(file, String.format("unknown payload compression (magic %s)",
                    HexFormat.ofDelimiter(" ").formatHex(payload, 0, Math.min(6, payload.length))));
        }
        if (!format.supported()) {
            throw new KernelImageException(file, "the payload is compressed with " + format.name().toLowerCase()
                    + ", which jkvm cannot decompress (it supports gzip, xz, zstd and lz4)");
        }
        log.info("decompressing the {} kernel payload once; the vmlinux is cached in {}", format.name().toLowerCase(), cacheDir);
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempFile(cacheDir, "vmlinux-", ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                format.decompress(payload, out);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw new KernelImageException(file, "corrupt " + format.name().toLowerCase() + " payload: " + e.getMessage());
            }
            Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return cached;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readHead(Path file, int length) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
