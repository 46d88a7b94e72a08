package dev.jkvm.devices.net;

/**
 * TCP port 19, a source of the {@link DataPattern}. The guest's first line picks the answer:
 * <ul>
 * <li>{@code N}: the first N bytes of the pattern, then close ({@code echo 16777216 | nc 10.0.2.2 19 | md5sum});
 * <li>{@code sum N}: their MD5 as md5sum prints it for stdin, "HEX  -" ({@code echo sum 16777216 | nc 10.0.2.2 19});
 * <li>no line at all before the guest closes its side: the pattern without end
 *     ({@code nc 10.0.2.2 19 </dev/null | head -c 16M | md5sum}).
 * </ul>
 * Anything else gets "error: ..." and close.
 */
final class SourceService implements TcpService {
    private static final int MAX_LINE = 80;

    @Override
    public Session open() {
        return new Session() {
            private final StringBuilder line = new StringBuilder();
            private Reply reply;

            @Override
            public void received(byte[] data, int offset, int length) {
                for (int i = 0; i < length && reply == null; i++) {
                    char c = (char) (data[offset + i] & 0xff);
                    if (c == '\n') reply = answer(line.toString().trim());
                    else if (line.length() < MAX_LINE) line.append(c);
                    else reply = Reply.text("error: request line too long\n");
                }
            }

            @Override
            public void receiveClosed() {
                if (reply != null) return;
                String request = line.toString().trim();
                reply = request.isEmpty() ? new Reply("", Reply.UNBOUNDED) : answer(request);
            }

            @Override
            public int produce(byte[] dst, int offset, int max) {
                return reply == null ? 0 : reply.produce(dst, offset, max);
            }
        };
    }

    static Reply answer(String request) {
        boolean sum = request.startsWith("sum ");
        String number = sum ? request.substring(4).trim() : request;
        long length;
        try {
            length = Long.parseLong(number);
        } catch (NumberFormatException e) {
            return Reply.text("error: expected N or sum N\n");
        }
        if (length < 0) return Reply.text("error: negative length\n");
        return sum ? Reply.text(DataPattern.md5(length) + "  -\n") : new Reply("", length);
    }
}
