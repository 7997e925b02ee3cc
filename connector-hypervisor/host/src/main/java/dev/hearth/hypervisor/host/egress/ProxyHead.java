package dev.hearth.hypervisor.host.egress;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The heads the egress proxy reads, forwards, passes back and answers: HTTP/1.1, one request per connection. */
final class ProxyHead {

    private static final int MAX_HEAD_BYTES = 64 << 10;

    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "upgrade");

    private static final Pattern INTERIM_STATUS = Pattern.compile("HTTP/1\\.[01] 1(?!01)\\d\\d");

    private ProxyHead() {}

    /**
     * The request as the destination sees it: origin-form target, its own {@code Host}, no
     * hop-by-hop headers, one request only.
     */
    static String forwarded(String[] requestLine, Target target, List<String> head) {
        StringBuilder forwarded = new StringBuilder(requestLine[0])
                .append(' ')
                .append(target.pathAndQuery())
                .append(' ')
                .append(requestLine[2])
                .append("\r\n");
        for (String header : head.subList(1, head.size())) {
            String name = name(header);
            if (!HOP_BY_HOP.contains(name) && !name.equals("host")) {
                forwarded.append(header).append("\r\n");
            }
        }
        return forwarded
                .append("Host: ")
                .append(target.hostPort())
                .append("\r\nConnection: close\r\n\r\n")
                .toString();
    }

    /**
     * Passes the destination's answer head on as the client must read it: the proxy carries one
     * request per connection, so its hop-by-hop headers are dropped and {@code Connection: close}
     * said (a keep-alive client would otherwise send its next request on a connection that ends,
     * and lose it); interim heads ({@code 1xx}, but for a {@code 101}) pass as they are, before it.
     * The body follows unread. False when no head came: the destination closed, or sent more than a
     * head may hold.
     */
    static boolean passAnswerHead(InputStream answer, OutputStream out) throws IOException {
        while (true) {
            List<String> head = read(answer);
            if (head.isEmpty()) {
                return false;
            }
            boolean interim = INTERIM_STATUS.matcher(head.get(0)).lookingAt();
            StringBuilder passed = new StringBuilder(head.get(0)).append("\r\n");
            for (String header : head.subList(1, head.size())) {
                if (interim || !HOP_BY_HOP.contains(name(header))) {
                    passed.append(header).append("\r\n");
                }
            }
            out.write(passed.append(interim ? "" : "Connection: close\r\n")
                    .append("\r\n")
                    .toString()
                    .getBytes(ISO_8859_1));
            if (!interim) {
                out.flush();
                return true;
            }
        }
    }

    /** A header line's name, in lower case; empty for a line without one. */
    static String name(String header) {
        int colon = header.indexOf(':');
        return colon > 0 ? header.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
    }

    /** The request line and headers, up to the blank line. */
    static List<String> read(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        int b;
        while ((b = in.read()) != -1 && ++total < MAX_HEAD_BYTES) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(ISO_8859_1);
            line.reset();
            text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            if (text.isEmpty()) {
                return lines;
            }
            lines.add(text);
        }
        return List.of();
    }

    static void answer(OutputStream out, String status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(ISO_8859_1);
        String head = "HTTP/1.1 " + status + "\r\n"
                + (status.startsWith("403") ? EgressProxy.DENIED_HEADER + "\r\n" : "")
                + "Content-Type: text/plain\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(ISO_8859_1));
        out.write(body);
        out.flush();
    }
}
