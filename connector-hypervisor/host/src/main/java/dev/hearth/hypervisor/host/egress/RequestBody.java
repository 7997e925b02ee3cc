package dev.hearth.hypervisor.host.egress;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the proxy carries to the destination after a request's head: a tunnel's bytes until the
 * client ends them, or a plain request's body as its head frames it, and never a byte past that
 * body: whatever a client sends after it (a pipelined request, or one smuggled behind a body framed
 * two ways) would reach the destination without the checks the first request passed, such as the
 * auxiliary route's prefix.
 */
sealed interface RequestBody {

    /** A {@code CONNECT} tunnel: everything, until the client ends its side. */
    record Tunnel() implements RequestBody {
        @Override
        public void copy(InputStream from, OutputStream to, Runnable progress) throws IOException {
            copyAll(from, to, progress);
            to.flush();
        }
    }

    /** {@code Content-Length} bytes; none when the head names no body. */
    record Length(long bytes) implements RequestBody {
        @Override
        public byte[] readWhole(InputStream from, int maxBytes) throws IOException {
            if (bytes > maxBytes) {
                throw new TooLarge(); // before a byte of it is read
            }
            return RequestBody.super.readWhole(from, maxBytes);
        }

        @Override
        public void copy(InputStream from, OutputStream to, Runnable progress) throws IOException {
            copyExactly(from, to, bytes, progress);
            to.flush();
        }
    }

    /** {@code Transfer-Encoding: chunked}, read chunk by chunk to its last one and its trailers. */
    record Chunked() implements RequestBody {
        @Override
        public void copy(InputStream from, OutputStream to, Runnable progress) throws IOException {
            long size;
            do {
                String sizeLine = line(from, to);
                Matcher matcher = CHUNK_SIZE.matcher(sizeLine);
                if (!matcher.matches()) {
                    throw new IOException("not a chunk size: " + sizeLine);
                }
                size = Long.parseLong(matcher.group(1), 16);
                copyExactly(from, to, size, progress);
                if (size > 0 && !line(from, to).isEmpty()) {
                    throw new IOException("a chunk longer than its size");
                }
            } while (size > 0);
            while (!line(from, to).isEmpty()) {
                // a trailer field, passed on as it is
            }
            to.flush();
        }
    }

    /** A chunked body's line (a chunk's size, a trailer) longer than this is refused. */
    int MAX_LINE = 8192;

    Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    Pattern CHUNK_SIZE = Pattern.compile("([0-9A-Fa-f]{1,15})(;[^\\r\\n]*)?");

    /**
     * The framing of the plain request whose head is {@code head}; null when it is ambiguous (both
     * headers, several lengths) or one the proxy does not carry (a transfer coding besides chunked).
     */
    static RequestBody ofPlain(List<String> head) {
        List<String> lengths = values(head, "content-length");
        List<String> codings = values(head, "transfer-encoding");
        if (!codings.isEmpty()) {
            boolean chunked =
                    lengths.isEmpty() && codings.size() == 1 && codings.get(0).equalsIgnoreCase("chunked");
            return chunked ? new Chunked() : null;
        }
        if (lengths.isEmpty()) {
            return new Length(0);
        }
        return lengths.size() == 1 && DIGITS.matcher(lengths.get(0)).matches()
                ? new Length(Long.parseLong(lengths.get(0)))
                : null;
    }

    private static List<String> values(List<String> head, String name) {
        return head.subList(1, head.size()).stream()
                .filter(header -> ProxyHead.name(header).equals(name))
                .map(ProxyHead::value)
                .toList();
    }

    /**
     * Copies what is carried from {@code from} to {@code to}, calling {@code progress} as bytes
     * pass; a body fails when the client ends it early or frames a chunk wrongly.
     */
    void copy(InputStream from, OutputStream to, Runnable progress) throws IOException;

    /**
     * The body read whole, framed as it came (what follows the head upstream); {@link TooLarge}
     * when that is more than {@code maxBytes}.
     */
    default byte[] readWhole(InputStream from, int maxBytes) throws IOException {
        BoundedBytes whole = new BoundedBytes(maxBytes);
        copy(from, whole, () -> {});
        return whole.bytes.toByteArray();
    }

    /** A body larger than the bytes its reader holds. */
    final class TooLarge extends IOException {
        TooLarge() {
            super("the body is larger than the proxy holds");
        }
    }

    /** Bytes in memory, up to a bound. */
    final class BoundedBytes extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int maxBytes;

        BoundedBytes(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int offset, int length) throws IOException {
            if (bytes.size() + length > maxBytes) {
                throw new TooLarge();
            }
            bytes.write(b, offset, length);
        }
    }

    /** Copies until {@code from} ends: a tunnel's bytes, or an answer, either way. */
    static void copyAll(InputStream from, OutputStream to, Runnable progress) throws IOException {
        byte[] buffer = new byte[16 << 10];
        int n;
        while ((n = from.read(buffer)) != -1) {
            progress.run();
            to.write(buffer, 0, n);
        }
    }

    private static void copyExactly(InputStream from, OutputStream to, long bytes, Runnable progress)
            throws IOException {
        byte[] buffer = new byte[16 << 10];
        long left = bytes;
        while (left > 0) {
            int n = from.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n == -1) {
                throw new IOException("the body ended early");
            }
            progress.run();
            to.write(buffer, 0, n);
            left -= n;
        }
    }

    /** Reads one CRLF-ended line, passes it on as it came, and returns it without its CRLF. */
    private static String line(InputStream from, OutputStream to) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = from.read()) != '\n') {
            if (b == -1 || line.size() >= MAX_LINE) {
                throw new IOException("the chunked body ended early or has a line too long");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
            throw new IOException("a chunked body's line without CRLF");
        }
        to.write(bytes);
        to.write('\n');
        return new String(bytes, 0, bytes.length - 1, ISO_8859_1);
    }
}
