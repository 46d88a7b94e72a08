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
    /** Enough of a bzImage for its setup header. */
    private static final int HEAD_BYTES = 4096;
    /** The kernel appends the decompressed size as 4 bytes after the compressed stream. */
    private static final int SIZE_TRAILER = 4;

    private KernelImages() {}

    public static KernelImage open(Path file, Path cacheDir) {
        byte[] head = readHead(file, HEAD_BYTES);
        if (head.length >= ELF_MAGIC.length && java.util.Arrays.equals(head, 0, ELF_MAGIC.length, ELF_MAGIC, 0, ELF_MAGIC.length)) {
            return new KernelImage(file, ElfKernel.open(file), Optional.empty());
        }
        ByteBuffer buffer = ByteBuffer.wrap(head);
        if (!SetupHeader.looksLikeBzImage(buffer)) {
            throw new KernelImageException(file, "not a Linux kernel image (neither a bzImage with a 'HdrS' setup header nor a vmlinux ELF)");
        }
        SetupHeader header = SetupHeader.parse(file, buffer, size(file));
        Path cached = cacheDir.resolve("vmlinux-" + cacheKey(file));
        if (Files.isRegularFile(cached)) {
            log.debug("using the decompressed kernel cached at {}", cached);
        } else {
            decompress(file, read(file), header, cached);
        }
        return new KernelImage(file, ElfKernel.open(cached), Optional.of(header));
    }

    /**
     * The cache key: the file's identity and version (path, size, modification time), as build tools
     * use, so a cached kernel is found without reading and hashing the whole image.
     */
    private static String cacheKey(Path file) {
        try {
            String identity = file.toRealPath() + "\0" + Files.size(file) + "\0" + Files.getLastModifiedTime(file).toMillis();
            return sha256(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 24);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void decompress(Path file, byte[] image, SetupHeader header, Path cached) {
        Path cacheDir = cached.getParent();
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
