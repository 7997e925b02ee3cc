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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The heads the egress proxy reads, forwards, passes back and answers: HTTP/1.1, one request per connection. */
final class ProxyHead {

    private static final int MAX_HEAD_BYTES = 64 << 10;

    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "upgrade");

    private static final Pattern INTERIM_STATUS = Pattern.compile("HTTP/1\\.[01] 1(?!01)\\d\\d");

    /** An RFC 9110 token: a method, a field's name. */
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    /** A token method, one space, a target of visible ASCII, one space, HTTP/1.0 or HTTP/1.1. */
    private static final Pattern REQUEST_LINE = Pattern.compile("(" + TOKEN + ") ([\\x21-\\x7E]+) (HTTP/1\\.[01])");

    /**
     * A token name, the colon right after it, and a value of visible characters, spaces and tabs
     * (and obs-text): no folding, no space before the colon, no other control character.
     */
    private static final Pattern FIELD_LINE = Pattern.compile(TOKEN + ":[\\t\\x20-\\x7E\\x80-\\xFF]*");

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

    /**
     * The method, target and version of the request whose head is {@code head}, or null when a
     * server could read the head otherwise than the proxy does: a line folded, a field without its
     * colon or with space before it, a name or method that is not a token, a control character
     * anywhere (but a tab in a value), a version other than HTTP/1.0 and HTTP/1.1, or {@code
     * Transfer-Encoding} on HTTP/1.0 (which has none). Such a head is answered {@code 400} before
     * anything goes upstream: a field the proxy did not see (a length folded into another line)
     * could frame the body, and so what follows it, otherwise for the destination.
     */
    static String[] requestLine(List<String> head) {
        Matcher requestLine = head.isEmpty() ? null : REQUEST_LINE.matcher(head.get(0));
        if (requestLine == null || !requestLine.matches()) {
            return null;
        }
        List<String> fields = head.subList(1, head.size());
        if (!fields.stream().allMatch(field -> FIELD_LINE.matcher(field).matches())) {
            return null;
        }
        boolean transferCodingOnHttp10 = requestLine.group(3).equals("HTTP/1.0")
                && fields.stream().anyMatch(field -> name(field).equals("transfer-encoding"));
        return transferCodingOnHttp10
                ? null
                : new String[] {requestLine.group(1), requestLine.group(2), requestLine.group(3)};
    }

    /** Whether {@code header} is {@code Expect: 100-continue}: the client waits to be asked for the body. */
    static boolean expectsContinue(String header) {
        return name(header).equals("expect") && value(header).equalsIgnoreCase("100-continue");
    }

    /** A header line's value, without the space around it. */
    static String value(String header) {
        return header.substring(header.indexOf(':') + 1).trim();
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
