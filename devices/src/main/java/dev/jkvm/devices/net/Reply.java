package dev.jkvm.devices.net;

import java.nio.charset.StandardCharsets;

/** A service's answer: some text, then a run of the {@link DataPattern} (possibly unbounded), then the end. */
final class Reply {
    static final long UNBOUNDED = Long.MAX_VALUE;

    private final byte[] text;
    private final long patternLength;
    private int textSent;
    private long patternSent;

    Reply(String text, long patternLength) {
        this.text = text.getBytes(StandardCharsets.US_ASCII);
        this.patternLength = patternLength;
    }

    static Reply text(String text) {
        return new Reply(text, 0);
    }

    /** See {@link TcpService.Session#produce}. */
    int produce(byte[] dst, int offset, int max) {
        if (textSent < text.length) {
            int n = Math.min(max, text.length - textSent);
            System.arraycopy(text, textSent, dst, offset, n);
            textSent += n;
            return n;
        }
        if (patternSent < patternLength) {
            int n = (int) Math.min(max, patternLength - patternSent);
            DataPattern.fill(patternSent, dst, offset, n);
            patternSent += n;
            return n;
        }
        return -1;
    }
}
