package dev.hearth.hypervisor.host.runtimeapi;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Runtime API as a runtime sees it, over the Unix socket, with raw HTTP/1.1 on one connection. */
class RuntimeApiServerTest {

    /** A keep-alive HTTP/1.1 client on the server's socket, reading Content-Length responses. */
    private static final class RawClient implements AutoCloseable {
        private final SocketChannel channel;
        private final InputStream in;
        private final OutputStream out;

        RawClient(Path socket) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            in = Channels.newInputStream(channel);
            out = Channels.newOutputStream(channel);
        }

        String exchange(String request) throws IOException {
            out.write(request.getBytes(UTF_8));
            out.flush();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(ISO_8859_1).endsWith("\r\n\r\n")) {
                head.write(in.read());
            }
            String headers = head.toString(ISO_8859_1);
            int length = Integer.parseInt(headers.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
            return headers + new String(in.readNBytes(length), UTF_8);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @Test
    void handsAnEventToTheRuntimeAndItsResponseBack(@TempDir Path dir) throws Exception {
        try (RuntimeApiServer server = RuntimeApiServer.start(dir.resolve("runtime.sock"), "test", null);
                RawClient runtime = new RawClient(server.socket())) {
            RuntimeSession session = new RuntimeSession();
            server.attach(session);
            CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return runtime.exchange("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n");
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            session.ready().get(5, TimeUnit.SECONDS);

            CompletableFuture<RuntimeReply> reply =
                    session.submit(new PendingEvent("req-1", "{\"name\":\"Ada\"}", 1234, "arn:f", "Root=1-a-b"));
            String delivered = next.get(5, TimeUnit.SECONDS);
            String accepted = runtime.exchange("POST /2018-06-01/runtime/invocation/req-1/response HTTP/1.1\r\n"
                    + "Content-Length: 11\r\n\r\n{\"ok\":true}");

            assertTrue(delivered.startsWith("HTTP/1.1 200"), delivered);
            assertTrue(delivered.contains("Lambda-Runtime-Aws-Request-Id: req-1\r\n"), delivered);
            assertTrue(delivered.contains("Lambda-Runtime-Deadline-Ms: 1234\r\n"), delivered);
            assertTrue(delivered.endsWith("{\"name\":\"Ada\"}"), delivered);
            assertTrue(accepted.startsWith("HTTP/1.1 202"), accepted);
            assertEquals(new RuntimeReply(false, "{\"ok\":true}", null), reply.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void takesChunkedErrorsAndInitErrors(@TempDir Path dir) throws Exception {
        try (RuntimeApiServer server = RuntimeApiServer.start(dir.resolve("runtime.sock"), "test", null);
                RawClient runtime = new RawClient(server.socket())) {
            RuntimeSession session = new RuntimeSession();
            server.attach(session);
            CompletableFuture<RuntimeReply> reply = session.submit(new PendingEvent("r2", "{}", 0, "arn:f", "t"));

            String error = runtime.exchange("POST /2018-06-01/runtime/invocation/r2/error HTTP/1.1\r\n"
                    + "Lambda-Runtime-Function-Error-Type: Unhandled\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n");
            String unknown = runtime.exchange(
                    "POST /2018-06-01/runtime/invocation/nobody/response HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}");
            runtime.exchange("POST /2018-06-01/runtime/init/error HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}");

            assertTrue(error.startsWith("HTTP/1.1 202"), error);
            assertEquals(new RuntimeReply(true, "{\"a\":1}", "Unhandled"), reply.get(5, TimeUnit.SECONDS));
            assertTrue(unknown.startsWith("HTTP/1.1 400"), unknown);
            assertEquals("{}", session.initError().get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void onlyTheEntryPortionsServerCallsOtherPortions(@TempDir Path dir) throws Exception {
        PortionCalls echo =
                (name, event) -> new PortionCalls.PortionAnswer(200, "{\"" + name + "\":" + event + "}", null);
        try (RuntimeApiServer entry = RuntimeApiServer.start(dir.resolve("entry.sock"), "entry", echo);
                RuntimeApiServer other = RuntimeApiServer.start(dir.resolve("other.sock"), "other", null);
                RawClient fromEntry = new RawClient(entry.socket());
                RawClient fromOther = new RawClient(other.socket())) {
            entry.attach(new RuntimeSession());
            other.attach(new RuntimeSession());
            String call = "POST /2018-06-01/hearth/portions/vault/invoke HTTP/1.1\r\nContent-Length: 4\r\n\r\n[42]";

            String answered = fromEntry.exchange(call);
            String refused = fromOther.exchange(call);

            assertTrue(answered.startsWith("HTTP/1.1 200"), answered);
            assertTrue(answered.endsWith("{\"vault\":[42]}"), answered);
            assertTrue(refused.startsWith("HTTP/1.1 403"), refused);
        }
    }
}
