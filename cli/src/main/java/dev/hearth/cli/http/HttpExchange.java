package dev.hearth.cli.http;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Sends one request and returns the answer, whatever its status; with a verbose stream it prints the
 * exchange there, credentials masked. A server that cannot be reached is a {@link CliFailure}.
 */
public final class HttpExchange {

    /** Longer than the longest function timeout (60 s) and an upload of 20 MiB on a slow line. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient client;
    private final PrintStream verbose;

    /** {@code verbose}: where to print the exchange, or null for nowhere. */
    public HttpExchange(PrintStream verbose) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.verbose = verbose;
    }

    /** {@code bodyForLog}: the request body as text to print, or a description of it; null for none. */
    public HttpAnswer send(HttpRequest.Builder builder, String bodyForLog) {
        HttpRequest request = builder.timeout(REQUEST_TIMEOUT).build();
        if (verbose != null) {
            printRequest(request, bodyForLog);
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CliFailure(
                    ExitCode.SERVER, "unreachable", "no answer from " + origin(request.uri()) + " (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.FAILED, "interrupted", request.method() + " " + request.uri());
        }
        HttpAnswer answer = new HttpAnswer(request.uri(), response.statusCode(), response.headers(), response.body());
        if (verbose != null) {
            printAnswer(answer);
        }
        return answer;
    }

    private void printRequest(HttpRequest request, String body) {
        verbose.println("> " + request.method() + " " + request.uri());
        request.headers()
                .map()
                .forEach((name, values) ->
                        values.forEach(value -> verbose.println("> " + name + ": " + Masking.header(name, value))));
        if (body != null) {
            verbose.println(
                    request.headers()
                                    .firstValue("Content-Type")
                                    .orElse("")
                                    .startsWith("application/x-www-form-urlencoded")
                            ? Masking.form(body)
                            : Masking.json(body));
        }
    }

    private void printAnswer(HttpAnswer answer) {
        verbose.println("< " + answer.status());
        answer.headers()
                .map()
                .forEach((name, values) ->
                        values.forEach(value -> verbose.println("< " + name + ": " + Masking.header(name, value))));
        if (answer.body().length > 0) {
            verbose.println(
                    text(answer.contentType())
                            ? Masking.json(new String(answer.body(), StandardCharsets.UTF_8))
                            : "<" + answer.body().length + " bytes " + answer.contentType() + ">");
        }
    }

    /** JSON, text, or a type not told: printed as text. Anything else (a gzip file) would be noise. */
    private static boolean text(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.contains("json") || type.startsWith("text/");
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
