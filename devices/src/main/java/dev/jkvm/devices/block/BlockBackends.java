package dev.jkvm.devices.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Opens disk images. Every problem with an image (missing, malformed, an unsupported feature)
 * surfaces as an IOException whose message names the file and says what is wrong.
 */
public final class BlockBackends {
    public enum Format {
        RAW, QCOW2;

        /** Parses "raw" or "qcow2", the names qemu-img uses. */
        public static Format parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "raw" -> RAW;
                case "qcow2" -> QCOW2;
                default -> throw new IllegalArgumentException("unknown disk image format '" + name + "' (raw or qcow2)");
            };
        }

        /** qcow2 if the file starts with the qcow2 magic, raw otherwise. */
        public static Format probe(Path path) throws IOException {
            try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
                ByteBuffer magic = ByteBuffer.allocate(4);
                PositionalIo.readFully(file, 0, magic);
                return magic.getInt(0) == Qcow2Header.MAGIC ? QCOW2 : RAW;
            } catch (NoSuchFileException e) {
                throw new IOException(path + ": no such disk image", e);
            }
        }
    }

    /** Backing chains longer than this are taken for loops. */
    private static final int MAX_BACKING_DEPTH = 16;

    private BlockBackends() {}

    public static BlockBackend open(Path path, Format format, boolean readOnly) throws IOException {
        return open(path, format, readOnly, 0);
    }

    private static BlockBackend open(Path path, Format format, boolean readOnly, int backingDepth) throws IOException {
        try {
            return switch (format) {
                case RAW -> RawFileBackend.open(path, readOnly);
                case QCOW2 -> Qcow2Backend.open(path, readOnly, backingDepth);
            };
        } catch (NoSuchFileException e) {
            throw new IOException(path + ": no such disk image", e);
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().contains(path.toString()) ? e : new IOException(path + ": " + e.getMessage(), e);
        }
    }

    /** The image's backing file, read-only, resolved against the image's directory when relative. */
    static BlockBackend openBacking(Path image, Qcow2Header header, int depth) throws IOException {
        if (depth > MAX_BACKING_DEPTH) throw new IOException(image + ": backing chain deeper than " + MAX_BACKING_DEPTH + " (a loop?)");
        Path parent = image.toAbsolutePath().getParent();
        Path backing = parent.resolve(header.backingFile());
        Format format;
        if (header.backingFormat() == null) {
            format = Format.probe(backing);
        } else {
            try {
                format = Format.parse(header.backingFormat());
            } catch (IllegalArgumentException e) {
                throw Qcow2Header.unsupported(image, "backing file format '" + header.backingFormat() + "'");
            }
        }
        try {
            return open(backing, format, true, depth);
        } catch (IOException e) {
            // Said once, by the top image: deeper images' problems already name the file at fault.
            if (depth > 1) throw e;
            throw new IOException(image + ": backing file: " + e.getMessage(), e);
        }
    }
}
