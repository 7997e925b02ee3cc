package dev.hearth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An HTTP endpoint of the suite's own on a test host it makes: a network namespace joined to this
 * host by a veth pair ({@code 10.231.0.1} here, {@code 10.231.0.2} there), so that Hearth reaches
 * it as it would reach a machine elsewhere, while no packet leaves this machine. It answers 204 and
 * writes each request it gets (method, path, Authorization, body) as lines to a file. On {@link
 * #DRIPPING_PORT} it stands for a hostile endpoint instead: it sends the beginning of a TLS record a
 * byte a second and never more, so that a client's handshake neither ends nor times out. Needs root
 * and iproute2, as the rest of the suite.
 */
final class NamespacedListener implements AutoCloseable {

    static final String ADDRESS = "10.231.0.2";
    /** The veth pair's network: what an admin allows for Hearth to reach the listener. */
    static final String NETWORK = "10.231.0.0/30";

    static final int PORT = 8081;

    static final int DRIPPING_PORT = 8443;

    private static final String NAMESPACE = "hearth-it-listener";
    private static final String HOST_LINK = "hit-host0";
    private static final String TEST_LINK = "hit-test0";
    private static final String SERVER =
            """
            import http.server, socket, sys, threading, time
            def drip(client):
                try:
                    client.sendall(b"\\x16\\x03\\x03\\x40\\x00")
                    while True:
                        time.sleep(1)
                        client.sendall(b"\\x02")
                except OSError:
                    client.close()
            def dripping():
                server = socket.create_server((sys.argv[2], int(sys.argv[4])))
                while True:
                    client, _ = server.accept()
                    threading.Thread(target=drip, args=(client,), daemon=True).start()
            threading.Thread(target=dripping, daemon=True).start()
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                    with open(sys.argv[1], "a") as seen:
                        seen.write("%s %s %s\\n%s\\n" % (self.command, self.path,
                                   self.headers.get("Authorization"), body.replace("\\n", " ")))
                    self.send_response(204)
                    self.end_headers()
                def log_message(self, *args):
                    pass
            http.server.ThreadingHTTPServer((sys.argv[2], int(sys.argv[3])), Handler).serve_forever()
            """;

    private final Path seen;
    private final Process server;

    NamespacedListener() throws IOException, InterruptedException {
        removeNamespace();
        run("ip", "netns", "add", NAMESPACE);
        run("ip", "link", "add", HOST_LINK, "type", "veth", "peer", "name", TEST_LINK, "netns", NAMESPACE);
        run("ip", "addr", "add", "10.231.0.1/30", "dev", HOST_LINK);
        run("ip", "link", "set", HOST_LINK, "up");
        run("ip", "-n", NAMESPACE, "addr", "add", ADDRESS + "/30", "dev", TEST_LINK);
        run("ip", "-n", NAMESPACE, "link", "set", TEST_LINK, "up");
        run("ip", "-n", NAMESPACE, "link", "set", "lo", "up");
        seen = Files.createTempFile("hearth-it-listener-", ".log");
        server = new ProcessBuilder(
                        "ip",
                        "netns",
                        "exec",
                        NAMESPACE,
                        "python3",
                        "-c",
                        SERVER,
                        seen.toString(),
                        ADDRESS,
                        Integer.toString(PORT),
                        Integer.toString(DRIPPING_PORT))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        awaitListening();
    }

    String url(String path) {
        return "http://" + ADDRESS + ":" + PORT + path;
    }

    /** What was received so far, two lines per request. */
    List<String> seen() throws IOException {
        return Files.readAllLines(seen, StandardCharsets.UTF_8);
    }

    /** Waits at most {@code timeout} for {@code requests} requests to have arrived. */
    List<String> awaitSeen(int requests, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (seen().size() < 2 * requests && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        return seen();
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            Process probe = new ProcessBuilder("ip", "netns", "exec", NAMESPACE, "ss", "-ltn").start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            probe.waitFor();
            if (out.contains(ADDRESS + ":" + PORT + " ") && out.contains(ADDRESS + ":" + DRIPPING_PORT + " ")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the test listener did not start in its namespace");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
    }

    /** Removes the namespace and the veth pair (deleting one end removes both); no leftovers. */
    @Override
    public void close() throws IOException, InterruptedException {
        server.destroyForcibly().waitFor();
        removeNamespace();
        Files.deleteIfExists(seen);
    }

    private static void removeNamespace() throws IOException, InterruptedException {
        new ProcessBuilder("ip", "netns", "del", NAMESPACE)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
    }
}
