package dev.jkvm.loader;

import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.zstd.ZstdInputStream;
import org.tukaani.xz.SingleXZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;

/** The compressors a bzImage payload may use, recognised by their magic. */
public enum PayloadFormat {
    GZIP(new byte[]{0x1f, (byte) 0x8b}),
    XZ(new byte[]{(byte) 0xfd, '7', 'z', 'X', 'Z', 0}),
    ZSTD(new byte[]{0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}),
    /** The legacy LZ4 frame the kernel's lz4 wrapper writes. */
    LZ4_LEGACY(new byte[]{0x02, 0x21, 0x4c, 0x18}),
    BZIP2(new byte[]{'B', 'Z', 'h'}),
    LZMA(new byte[]{0x5d, 0x00, 0x00}),
    LZO(new byte[]{(byte) 0x89, 'L', 'Z', 'O'});

    private static final int LZ4_LEGACY_BLOCK = 8 << 20;

    private final byte[] magic;

    PayloadFormat(byte[] magic) {
        this.magic = magic;
    }

    public static PayloadFormat detect(byte[] payload) {
        for (PayloadFormat f : values()) {
            if (payload.length >= f.magic.length && java.util.Arrays.equals(payload, 0, f.magic.length, f.magic, 0, f.magic.length)) {
                return f;
            }
        }
        return null;
    }

    public boolean supported() {
        return this == GZIP || this == XZ || this == ZSTD || this == LZ4_LEGACY;
    }

    /** Decompresses one compressed stream (without the size trailer the kernel appends) into out. */
    public void decompress(byte[] payload, OutputStream out) throws IOException {
        switch (this) {
            case GZIP -> copy(new GZIPInputStream(new ByteArrayInputStream(payload), 1 << 16), out);
            case XZ -> copy(new SingleXZInputStream(new ByteArrayInputStream(payload)), out);
            case ZSTD -> copy(new ZstdInputStream(new ByteArrayInputStream(payload)), out);
            case LZ4_LEGACY -> decompressLz4Legacy(payload, out);
            default -> throw new IOException(name().toLowerCase() + " payloads are not supported");
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        try (in) {
            in.transferTo(out);
        }
    }

    /** Legacy frame: magic, then blocks of [u32 compressed length][LZ4 block], each up to 8 MiB decompressed. */
    private static void decompressLz4Legacy(byte[] payload, OutputStream out) throws IOException {
        Lz4Decompressor decompressor = new Lz4Decompressor();
        byte[] block = new byte[LZ4_LEGACY_BLOCK];
        int p = 4;
        while (p + 4 <= payload.length) {
            int length = (payload[p] & 0xff) | (payload[p + 1] & 0xff) << 8 | (payload[p + 2] & 0xff) << 16 | (payload[p + 3] & 0xff) << 24;
            p += 4;
            if (length == 0x184C2102) continue; // concatenated frames repeat the magic
            if (length <= 0 || length > payload.length - p) throw new IOException("corrupt LZ4 block length " + length);
            int n = decompressor.decompress(payload, p, length, block, 0, block.length);
            out.write(block, 0, n);
            p += length;
        }
    }
}
