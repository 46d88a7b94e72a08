package dev.jkvm.devices.net;

/**
 * TCP port 80, a minimal HTTP/1.0 server for busybox wget: {@code GET /bytes/N} answers N bytes of the
 * {@link DataPattern}, {@code GET /sum/N} their MD5 line as md5sum prints it; anything else is 404.
 * Each connection serves one request and closes. For example
 * {@code wget -q -O - http://10.0.2.2/bytes/16777216 | md5sum} and {@code wget -q -O - http://10.0.2.2/sum/16777216}.
 */
final class HttpService implements TcpService {
    private static final int MAX_REQUEST = 8192;

    @Override
    public Session open() {
        return new Session() {
            private final StringBuilder request = new StringBuilder();
            private Reply reply;

            @Override
            public void received(byte[] data, int offset, int length) {
                for (int i = 0; i < length && reply == null; i++) {
                    request.append((char) (data[offset + i] & 0xff));
                    if (endsWithBlankLine()) reply = respond(request.toString());
                    else if (request.length() >= MAX_REQUEST) reply = status("431 Request Header Fields Too Large");
                }
            }

            private boolean endsWithBlankLine() {
                int n = request.length();
                return (n >= 4 && request.substring(n - 4).equals("\r\n\r\n")) || (n >= 2 && request.substring(n - 2).equals("\n\n"));
            }

            @Override
            public void receiveClosed() {
                if (reply == null) reply = respond(request.toString());
            }

            @Override
            public int produce(byte[] dst, int offset, int max) {
                return reply == null ? 0 : reply.produce(dst, offset, max);
            }
        };
    }

    static Reply respond(String request) {
        String[] words = request.lines().findFirst().orElse("").split(" ");
        if (words.length < 2 || !words[0].equals("GET")) return status("400 Bad Request");
        String path = words[1];
        long length = lengthAfter(path, "/bytes/");
        if (length >= 0) return new Reply(header("200 OK", "application/octet-stream", length), length);
        length = lengthAfter(path, "/sum/");
        if (length >= 0) {
            String body = DataPattern.md5(length) + "  -\n";
            return Reply.text(header("200 OK", "text/plain", body.length()) + body);
        }
        return status("404 Not Found");
    }

    private static long lengthAfter(String path, String prefix) {
        if (!path.startsWith(prefix)) return -1;
        try {
            return Math.max(-1, Long.parseLong(path.substring(prefix.length())));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Reply status(String status) {
        String body = status + "\n";
        return Reply.text(header(status, "text/plain", body.length()) + body);
    }

    private static String header(String status, String type, long length) {
        return "HTTP/1.0 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + length
                + "\r\nConnection: close\r\n\r\n";
    }
}
