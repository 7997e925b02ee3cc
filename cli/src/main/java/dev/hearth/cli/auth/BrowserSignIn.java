package dev.hearth.cli.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The authorization code flow of a native app (RFC 8252): the CLI listens on 127.0.0.1 on a port
 * the system picks, sends the browser to the realm with PKCE (S256) and a random state, and takes
 * the code when the realm sends the browser back to {@code http://127.0.0.1:PORT/callback}; a
 * redirect whose state is not the one sent ends the sign-in. Only the first redirect counts.
 */
public final class BrowserSignIn implements AutoCloseable {

    private static final String CALLBACK = "/callback";

    private final OidcClient oidc;
    private final HttpServer server;
    private final URI redirectUri;
    private final Pkce pkce;
    private final String state;
    private final AtomicBoolean firstRedirect = new AtomicBoolean();
    private final CompletableFuture<Map<String, String>> redirect = new CompletableFuture<>();

    private BrowserSignIn(OidcClient oidc, SecureRandom random) throws IOException {
        this.oidc = oidc;
        this.pkce = Pkce.create(random);
        byte[] stateBytes = new byte[16];
        random.nextBytes(stateBytes);
        this.state = Base64.getUrlEncoder().withoutPadding().encodeToString(stateBytes);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.redirectUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + CALLBACK);
        server.createContext(CALLBACK, this::callback);
        server.start();
    }

    /** Listens for the redirect; the caller sends the browser to {@link #authorizationUrl()}. */
    public static BrowserSignIn start(OidcClient oidc) {
        try {
            return new BrowserSignIn(oidc, new SecureRandom());
        } catch (IOException e) {
            throw new CliFailure(ExitCode.FAILED, "loopback", "cannot listen on 127.0.0.1: " + e.getMessage());
        }
    }

    public URI authorizationUrl() {
        return oidc.authorizationUrl(redirectUri, state, pkce.challenge());
    }

    /** Waits for the browser to come back, then exchanges the code (with the PKCE verifier) for tokens. */
    public Tokens await(Duration timeout) {
        Map<String, String> answer;
        try {
            answer = redirect.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CliFailure(
                    ExitCode.REFUSED, "timeout", "no sign-in came back within " + timeout.toMinutes() + " minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.FAILED, "interrupted", "the sign-in was interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (!state.equals(answer.get("state"))) {
            throw new CliFailure(
                    ExitCode.REFUSED, "state-mismatch", "the browser came back with another sign-in's state: ignored");
        }
        if (answer.containsKey("error")) {
            throw new CliFailure(
                    ExitCode.REFUSED,
                    answer.get("error"),
                    answer.getOrDefault("error_description", answer.get("error")));
        }
        String code = answer.get("code");
        if (code == null) {
            throw new CliFailure(ExitCode.REFUSED, "no-code", "the browser came back without a code");
        }
        return oidc.authorizationCodeGrant(code, redirectUri, pkce.verifier());
    }

    /** Answers the browser first, then lets {@link #await} go on: it closes this server when it ends. */
    private void callback(HttpExchange exchange) throws IOException {
        Map<String, String> parameters = query(exchange.getRequestURI().getRawQuery());
        boolean first = firstRedirect.compareAndSet(false, true);
        boolean signedIn = first && state.equals(parameters.get("state")) && parameters.containsKey("code");
        byte[] page = ("<!doctype html><title>Hearth CLI</title><p>"
                        + (signedIn
                                ? "Signed in: you may close this tab and go back to the terminal."
                                : "The sign-in did not succeed: the terminal says why.")
                        + "</p>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        try (OutputStream body = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(signedIn ? 200 : 400, page.length);
            body.write(page);
        } finally {
            if (first) {
                redirect.complete(parameters);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.putIfAbsent(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
