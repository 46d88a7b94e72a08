package dev.jkvm.guest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads a newc cpio archive back, checking the alignment rules the kernel relies on. */
public final class CpioNewcReader {
    public record Entry(String name, int mode, int links, int rdevMajor, int rdevMinor, byte[] data) {
        int type() {
            return mode & 0170000;
        }

        int permissions() {
            return mode & 07777;
        }

        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private CpioNewcReader() {}

    public static Map<String, Entry> readGzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return read(in.readAllBytes());
        }
    }

    /** Entries by name, without the trailer. */
    public static Map<String, Entry> read(byte[] archive) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        int at = 0;
        while (true) {
            String header = new String(archive, at, 110, StandardCharsets.US_ASCII);
            if (!header.startsWith("070701")) throw new IllegalStateException("bad magic at " + at);
            int nameSize = field(header, 11);
            int size = field(header, 6);
            String name = new String(archive, at + 110, nameSize - 1, StandardCharsets.UTF_8);
            if (archive[at + 110 + nameSize - 1] != 0) throw new IllegalStateException("name not NUL-terminated: " + name);
            int data = align(at + 110 + nameSize);
            if (name.equals("TRAILER!!!")) {
                if (data != archive.length) throw new IllegalStateException("bytes after the trailer");
                return entries;
            }
            byte[] content = new ByteArrayInputStream(archive, data, size).readAllBytes();
            entries.put(name, new Entry(name, field(header, 1), field(header, 4), field(header, 9), field(header, 10), content));
            at = align(data + size);
        }
    }

    private static int field(String header, int index) {
        return Integer.parseUnsignedInt(header.substring(6 + 8 * index, 14 + 8 * index), 16);
    }

    private static int align(int offset) {
        return (offset + 3) & ~3;
    }
}
