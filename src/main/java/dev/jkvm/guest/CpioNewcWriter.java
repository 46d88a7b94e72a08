package dev.jkvm.guest;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a cpio archive in the "newc" format, the one the kernel unpacks as an initramfs. Entries are
 * owned by root with mtime 0, so the same inputs give the same archive. Because jkvm writes the archive
 * itself it can hold device nodes without root. Paths are relative to the archive root, e.g. "dev/console".
 */
public final class CpioNewcWriter implements Closeable {
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFCHR = 0020000;
    private static final String TRAILER = "TRAILER!!!";

    private final OutputStream out;
    private long written;
    private int nextInode = 1;

    /** Closing the writer closes out. */
    public CpioNewcWriter(OutputStream out) {
        this.out = out;
    }

    public void directory(String path, int permissions) throws IOException {
        entry(path, S_IFDIR | permissions, 2, 0, 0, new byte[0]);
    }

    public void file(String path, int permissions, byte[] content) throws IOException {
        entry(path, S_IFREG | permissions, 1, 0, 0, content);
    }

    public void symlink(String path, String target) throws IOException {
        entry(path, S_IFLNK | 0777, 1, 0, 0, target.getBytes(StandardCharsets.UTF_8));
    }

    public void characterDevice(String path, int permissions, int major, int minor) throws IOException {
        entry(path, S_IFCHR | permissions, 1, major, minor, new byte[0]);
    }

    /** Ends the archive with its trailer entry and closes the stream. */
    @Override
    public void close() throws IOException {
        try (out) {
            header(TRAILER, 0, 0, 0, 0, 0, 0);
        }
    }

    private void entry(String path, int mode, int links, int major, int minor, byte[] content) throws IOException {
        if (path.isEmpty() || path.startsWith("/") || path.equals(TRAILER)) {
            throw new IllegalArgumentException("cpio path must be relative and not the trailer: '" + path + "'");
        }
        header(path, nextInode++, mode, links, major, minor, content.length);
        write(content);
        pad();
    }

    private void header(String path, int inode, int mode, int links, int major, int minor, int size) throws IOException {
        byte[] name = (path + "\0").getBytes(StandardCharsets.UTF_8);
        // magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check
        String header = "070701" + hex(inode) + hex(mode) + hex(0) + hex(0) + hex(links) + hex(0) + hex(size)
                + hex(0) + hex(0) + hex(major) + hex(minor) + hex(name.length) + hex(0);
        write(header.getBytes(StandardCharsets.US_ASCII));
        write(name);
        pad();
    }

    private static String hex(int value) {
        return "%08X".formatted(value);
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        written += bytes.length;
    }

    /** Header+name and file data each end on a 4-byte boundary. */
    private void pad() throws IOException {
        write(new byte[(int) (-written & 3)]);
    }
}
