package dev.jkvm.devices.net;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The deterministic byte stream the user network's sources send: byte i is a hash of i / 8, so any
 * reordered, lost or repeated segment changes the stream's MD5, which both ends can compute.
 */
public final class DataPattern {
    private DataPattern() {}

    /** Writes stream bytes {@code [position, position + length)} to {@code dst[offset...]}. */
    public static void fill(long position, byte[] dst, int offset, int length) {
        for (int i = 0; i < length; i++) {
            long p = position + i;
            dst[offset + i] = (byte) (mix(p >>> 3) >>> (8 * (p & 7)));
        }
    }

    private static long mix(long block) {
        long x = block * 0x9e3779b97f4a7c15L;
        x ^= x >>> 31;
        x *= 0xbf58476d1ce4e5b9L;
        return x ^ (x >>> 29);
    }

    /** The MD5 of the first {@code length} bytes, as lowercase hex (md5sum's format). */
    public static String md5(long length) {
        MessageDigest md5 = newMd5();
        byte[] chunk = new byte[64 * 1024];
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(chunk.length, length - done);
            fill(done, chunk, 0, n);
            md5.update(chunk, 0, n);
            done += n;
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides MD5", e);
        }
    }
}
