package dev.hearth.cli.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** A server's answer as it came: status, headers and body. */
public record HttpAnswer(URI uri, int status, HttpHeaders headers, byte[] body) {

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }
}
