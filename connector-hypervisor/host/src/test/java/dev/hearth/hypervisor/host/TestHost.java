package dev.hearth.hypervisor.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A machine elsewhere, made on this one: a network namespace joined to this host by a veth pair
 * ({@value #HOST_SIDE} here, {@value #ADDRESS} there, network {@value #NETWORK}), where an HTTP
 * server answers 200 to every GET and writes each request's path to a file. Egress reaches it as
 * it would reach a private service; no packet leaves this machine. Needs root and iproute2.
 */
final class TestHost implements AutoCloseable {

    static final String NETWORK = "10.232.0.0/30";
    static final String HOST_SIDE = "10.232.0.1";
    static final String ADDRESS = "10.232.0.2";
    static final int PORT = 8081;

    private static final String NAMESPACE = "hearth-ut-egress";
    private static final String HOST_LINK = "hut-host0";
    private static final String TEST_LINK = "hut-test0";
    private static final String SERVER =
            """
            import http.server, sys
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    with open(sys.argv[1], "a") as seen:
                        seen.write(self.path + "\\n")
                    self.send_response(200)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                def log_message(self, *args):
                    pass
            http.server.HTTPServer((sys.argv[2], int(sys.argv[3])), Handler).serve_forever()
            """;

    private final Path seen;
    private final Process server;

    TestHost() throws IOException, InterruptedException {
        removeNamespace();
        run("ip", "netns", "add", NAMESPACE);
        run("ip", "link", "add", HOST_LINK, "type", "veth", "peer", "name", TEST_LINK, "netns", NAMESPACE);
        run("ip", "addr", "add", HOST_SIDE + "/30", "dev", HOST_LINK);
        run("ip", "link", "set", HOST_LINK, "up");
        run("ip", "-n", NAMESPACE, "addr", "add", ADDRESS + "/30", "dev", TEST_LINK);
        run("ip", "-n", NAMESPACE, "link", "set", TEST_LINK, "up");
        seen = Files.createTempFile("hearth-test-host-", ".log");
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
                        Integer.toString(PORT))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        awaitListening();
    }

    /** The paths requested so far. */
    List<String> seen() throws IOException {
        return Files.readAllLines(seen, StandardCharsets.UTF_8);
    }

    void forget() throws IOException {
        Files.writeString(seen, "");
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            Process probe =
                    new ProcessBuilder("ip", "netns", "exec", NAMESPACE, "ss", "-ltn", "sport", "= :" + PORT).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            probe.waitFor();
            if (out.contains(ADDRESS + ":" + PORT)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the test host's server did not start in its namespace");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
    }

    /** Removes the namespace and the veth pair (deleting one end removes both). */
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
