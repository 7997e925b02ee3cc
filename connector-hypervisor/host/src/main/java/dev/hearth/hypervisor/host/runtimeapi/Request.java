package dev.hearth.hypervisor.host.runtimeapi;

import static dev.hearth.hypervisor.host.runtimeapi.RuntimeApiServer.MAX_BODY_BYTES;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * One parsed HTTP/1.1 request. {@code headers} keys are lower case; {@code heldBodyBytes} of
 * the container's body budget are the caller's to release once the request is answered.
 */
record Request(String method, String path, Map<String, String> headers, String body, int heldBodyBytes) {

    private static final int MAX_HEADER_BYTES = 64 << 10;
    private static final Pattern CONTENT_LENGTH = Pattern.compile("[0-9]{1,20}");
    private static final Pattern CHUNK_SIZE = Pattern.compile("[0-9a-fA-F]{1,8}");

    boolean is(String expectedMethod, String expectedPath) {
        return method.equals(expectedMethod) && path.equals(expectedPath);
    }

    boolean closes() {
        return "close".equalsIgnoreCase(headers.getOrDefault("connection", ""));
    }

    /**
     * Reads the next request, whose first byte has arrived. A body is read only once {@code
     * admission} has let it, and its bytes are taken from {@code bodyBytes}.
     */
    static Request read(InputStream in, Semaphore bodyBytes, BodyAdmission admission) throws IOException, BadRequest {
        String requestLine = line(in);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = line(in); // tolerate stray CRLF between requests
        }
        if (requestLine == null) {
            throw new IOException("end of stream");
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            throw BadRequest.malformed("malformed request line");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int headerBytes = 0;
        String line;
        while ((line = line(in)) != null && !line.isEmpty()) {
            headerBytes += line.length();
            int colon = line.indexOf(':');
            if (colon <= 0 || headerBytes > MAX_HEADER_BYTES) {
                throw BadRequest.malformed("malformed or oversized header");
            }
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        String path = parts[1].contains("?") ? parts[1].substring(0, parts[1].indexOf('?')) : parts[1];
        String encoding = headers.get("transfer-encoding");
        if (encoding != null) {
            if (!encoding.equalsIgnoreCase("chunked") || headers.containsKey("content-length")) {
                throw BadRequest.malformed("only chunked transfer encoding, without Content-Length");
            }
            admission.admit(parts[0], path);
            return readChunked(in, bodyBytes, parts[0], path, headers);
        }
        int length = contentLength(headers.get("content-length"));
        if (length > 0) {
            admission.admit(parts[0], path);
        }
        if (!bodyBytes.tryAcquire(length)) {
            throw new BadRequest(503, "Busy", "too many large request bodies at once");
        }
        try {
            byte[] body = in.readNBytes(length);
            if (body.length != length) {
                throw new IOException("truncated body");
            }
            return new Request(parts[0], path, headers, new String(body, UTF_8), length);
        } catch (IOException e) {
            bodyBytes.release(length);
            throw e;
        }
    }

    /** The body's announced length, checked before anything is read: 0 when there is none. */
    private static int contentLength(String text) throws BadRequest {
        if (text == null) {
            return 0;
        }
        if (!CONTENT_LENGTH.matcher(text).matches()) {
            throw BadRequest.malformed("Content-Length must be a number of bytes");
        }
        if (text.length() > 9 || Integer.parseInt(text) > MAX_BODY_BYTES) {
            throw BadRequest.tooLarge();
        }
        return Integer.parseInt(text);
    }

    private static Request readChunked(
            InputStream in, Semaphore bodyBytes, String method, String path, Map<String, String> headers)
            throws IOException, BadRequest {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int held = 0;
        try {
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new IOException("truncated chunked body");
                }
                int semicolon = size.indexOf(';');
                String hex = (semicolon >= 0 ? size.substring(0, semicolon) : size).trim();
                if (!CHUNK_SIZE.matcher(hex).matches()) {
                    throw BadRequest.malformed("malformed chunk size");
                }
                long n = Long.parseLong(hex, 16);
                if (n == 0) {
                    String trailer;
                    do {
                        trailer = line(in); // trailers, up to the blank line
                    } while (trailer != null && !trailer.isEmpty());
                    return new Request(method, path, headers, body.toString(UTF_8), held);
                }
                if (held + n > MAX_BODY_BYTES) {
                    throw BadRequest.tooLarge();
                }
                if (!bodyBytes.tryAcquire((int) n)) {
                    throw new BadRequest(503, "Busy", "too many large request bodies at once");
                }
                held += (int) n;
                byte[] chunk = in.readNBytes((int) n);
                if (chunk.length != n) {
                    throw new IOException("truncated chunk");
                }
                body.write(chunk);
                line(in); // the CRLF after the chunk
            }
        } catch (IOException | BadRequest | RuntimeException e) {
            bodyBytes.release(held);
            throw e;
        }
    }

    /** One CRLF- (or LF-) terminated line; null at the end of the stream. */
    private static String line(InputStream in) throws IOException, BadRequest {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int end = bytes.size();
                byte[] raw = bytes.toByteArray();
                return new String(raw, 0, end > 0 && raw[end - 1] == '\r' ? end - 1 : end, ISO_8859_1);
            }
            if (bytes.size() > MAX_HEADER_BYTES) {
                throw BadRequest.malformed("line longer than 64 KiB");
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(ISO_8859_1);
    }
}
