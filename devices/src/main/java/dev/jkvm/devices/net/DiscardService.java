package dev.jkvm.devices.net;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * TCP port 9, a sink: takes everything the guest sends and, when the guest closes its side, answers
 * one line "BYTES MD5HEX" and closes. A busybox guest checks a transfer with
 * {@code head -c 16M /dev/zero | nc 10.0.2.2 9} against {@code head -c 16M /dev/zero | md5sum}.
 */
public final class DiscardService implements TcpService {
    /** What one connection delivered. */
    public record Result(long bytes, String md5) {}

    private final List<Result> completed = new ArrayList<>();

    /** The connections whose guest side has closed, oldest first. */
    public synchronized List<Result> completed() {
        return List.copyOf(completed);
    }

    private synchronized void record(Result result) {
        completed.add(result);
    }

    @Override
    public Session open() {
        return new Session() {
            private final MessageDigest md5 = DataPattern.newMd5();
            private long bytes;
            private Reply reply;

            @Override
            public void received(byte[] data, int offset, int length) {
                md5.update(data, offset, length);
                bytes += length;
            }

            @Override
            public void receiveClosed() {
                Result result = new Result(bytes, HexFormat.of().formatHex(md5.digest()));
                record(result);
                reply = Reply.text(result.bytes() + " " + result.md5() + "\n");
            }

            @Override
            public int produce(byte[] dst, int offset, int max) {
                return reply == null ? 0 : reply.produce(dst, offset, max);
            }
        };
    }
}
