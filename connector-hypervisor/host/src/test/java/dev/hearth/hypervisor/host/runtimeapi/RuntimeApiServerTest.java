package dev.hearth.hypervisor.host.runtimeapi;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.hypervisor.host.threads.ConnectionBudget;
import dev.hearth.hypervisor.host.threads.ThreadPlacement;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            send(request);
            return answer();
        }

        void send(String request) throws IOException {
            out.write(request.getBytes(UTF_8));
            out.flush();
        }

        String answer() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed after " + head.toString(ISO_8859_1));
                }
                head.write(b);
            }
            String headers = head.toString(ISO_8859_1);
            int length = Integer.parseInt(headers.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
            return headers + new String(in.readNBytes(length), UTF_8);
        }

        /** Whether the server closed the connection (end of stream) before the deadline. */
        boolean closedBy(long deadlineNanos) throws Exception {
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.read();
                } catch (IOException e) {
                    return -1;
                }
            });
            try {
                return read.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS) == -1;
            } catch (java.util.concurrent.TimeoutException stillOpen) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static long inSeconds(int seconds) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    private static JsonObject body(String answer) {
        return Json.createReader(new StringReader(answer.substring(answer.indexOf("\r\n\r\n") + 4)))
                .readObject();
    }

    @Test
    void handsAnEventToTheRuntimeAndItsResponseBack(@TempDir Path dir) throws Exception {
        try (RuntimeApiServer server =
                        RuntimeApiServer.start(dir.resolve("runtime.sock"), "test", null, ThreadPlacement.AGENTS_OWN);
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
    void aRuntimeWaitingForAnEventOrItsStagingIsLetGoWhenItsContainerIsReplaced(@TempDir Path dir) throws Exception {
        try (RuntimeApiServer server =
                        RuntimeApiServer.start(dir.resolve("runtime.sock"), "test", null, ThreadPlacement.AGENTS_OWN);
                RawClient runtime = new RawClient(server.socket());
                RawClient stem = new RawClient(server.socket())) {
            RuntimeSession session = new RuntimeSession();
            server.attach(session);
            runtime.send("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n");
            stem.send("GET /2018-06-01/hearth/stem HTTP/1.1\r\nHost: x\r\n\r\n");
            session.ready().get(5, TimeUnit.SECONDS);
            session.stemWaiting().get(5, TimeUnit.SECONDS);

            server.attach(new RuntimeSession()); // closes the first session

            assertTrue(runtime.closedBy(inSeconds(5)), "the runtime waiting for an event is let go");
            assertTrue(stem.closedBy(inSeconds(5)), "the stem cell waiting to be staged is let go");
            try (RawClient late = new RawClient(server.socket())) {
                session.submit(new PendingEvent("after-close", "{}", 0, "arn:f", "t"));
                server.attach(session); // a closed session stays closed: every /next on it ends
                late.send("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(late.closedBy(inSeconds(5)), "a closed session hands out no event");
            }
        }
    }

    @Test
    void takesChunkedErrorsAndInitErrors(@TempDir Path dir) throws Exception {
        try (RuntimeApiServer server =
                        RuntimeApiServer.start(dir.resolve("runtime.sock"), "test", null, ThreadPlacement.AGENTS_OWN);
                RawClient runtime = new RawClient(server.socket())) {
            RuntimeSession session = new RuntimeSession();
            server.attach(session);
            CompletableFuture<RuntimeReply> reply = session.submit(new PendingEvent("r2", "{}", 0, "arn:f", "t"));

            String error = runtime.exchange("POST /2018-06-01/runtime/invocation/r2/error HTTP/1.1\r\n"
                    + "Lambda-Runtime-Function-Error-Type: Unhandled\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n");
            runtime.exchange("POST /2018-06-01/runtime/init/error HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}");
            String unknown = runtime.exchange(
                    "POST /2018-06-01/runtime/invocation/nobody/response HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}");

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
        try (RuntimeApiServer entry =
                        RuntimeApiServer.start(dir.resolve("entry.sock"), "entry", echo, ThreadPlacement.AGENTS_OWN);
                RuntimeApiServer other =
                        RuntimeApiServer.start(dir.resolve("other.sock"), "other", null, ThreadPlacement.AGENTS_OWN);
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

    @Test
    void refusesABadContentLengthBeforeReadingAnyBodyAndCloses(@TempDir Path dir) throws Exception {
        List<String> refused = new ArrayList<>();
        try (RuntimeApiServer server =
                RuntimeApiServer.start(dir.resolve("runtime.sock"), "test", null, ThreadPlacement.AGENTS_OWN)) {
            server.attach(new RuntimeSession());
            for (String length : List.of("-1", "12abc", "0x10", "7340032", "99999999999999999999")) {
                try (RawClient runtime = new RawClient(server.socket())) {
                    String answer = runtime.exchange("POST /2018-06-01/runtime/init/error HTTP/1.1\r\n"
                            + "Content-Length: " + length + "\r\n\r\n{}");
                    refused.add(answer.substring(9, 12) + " " + body(answer).getString("errorType"));
                    assertTrue(runtime.closedBy(inSeconds(5)), "the connection is closed after " + length);
                }
            }
            try (RawClient runtime = new RawClient(server.socket())) {
                String answer = runtime.exchange("POST /2018-06-01/runtime/init/error HTTP/1.1\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n800000\r\n");
                refused.add(answer.substring(9, 12) + " " + body(answer).getString("errorType"));
            }
        }

        assertEquals(
                List.of(
                        "400 BadRequest",
                        "400 BadRequest",
                        "400 BadRequest",
                        "413 RequestTooLarge",
                        "413 RequestTooLarge",
                        "413 RequestTooLarge"),
                refused);
    }

    @Test
    void servesNoMoreConnectionsAtOnceThanTheBoundAndTheNextWhenOneEnds(@TempDir Path dir) throws Exception {
        List<RawClient> held = new ArrayList<>();
        try (RuntimeApiServer server =
                RuntimeApiServer.start(dir.resolve("runtime.sock"), "bounded", null, ThreadPlacement.AGENTS_OWN)) {
            server.attach(new RuntimeSession());
            for (int i = 0; i < RuntimeApiServer.MAX_CONNECTIONS; i++) {
                held.add(new RawClient(server.socket()));
                assertTrue(held.get(i).exchange("GET /nothing HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 404"));
            }
            try (RawClient waiting = new RawClient(server.socket())) {
                CompletableFuture<String> answer = answerLater(waiting);
                long threads = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("runtime-api-bounded"))
                        .count();
                assertTrue(threads <= RuntimeApiServer.MAX_CONNECTIONS + 1, threads + " threads");
                assertFalse(answer.isDone(), "the seventeenth connection waits: " + answer.getNow(""));

                held.remove(0).close();

                assertTrue(answer.get(5, TimeUnit.SECONDS).startsWith("HTTP/1.1 404"), "served once a slot is free");
            }
        } finally {
            for (RawClient client : held) {
                client.close();
            }
        }
    }

    @Test
    void readsNoBodyTheContainerCannotUse(@TempDir Path dir) throws Exception {
        List<String> refused = new ArrayList<>();
        try (RuntimeApiServer server =
                RuntimeApiServer.start(dir.resolve("runtime.sock"), "test", null, ThreadPlacement.AGENTS_OWN)) {
            server.attach(new RuntimeSession());
            for (String request : List.of(
                    "POST /2018-06-01/runtime/invocation/nobody/response HTTP/1.1",
                    "POST /2018-06-01/hearth/portions/vault/invoke HTTP/1.1",
                    "GET /2018-06-01/runtime/invocation/next HTTP/1.1")) {
                try (RawClient runtime = new RawClient(server.socket())) {
                    // 6 MiB announced and none sent: an answer proves that none was waited for.
                    String answer = runtime.exchange(request + "\r\nContent-Length: 6291456\r\n\r\n");
                    refused.add(answer.substring(9, 12) + " " + body(answer).getString("errorType"));
                }
            }
        }

        assertEquals(List.of("400 InvalidRequestID", "403 Forbidden", "400 BadRequest"), refused);
    }

    @Test
    void aContainerKeepsItsOwnConnectionsWhileAnotherHoldsAllThatTheHostShares(@TempDir Path dir) throws Exception {
        ConnectionBudget host = new ConnectionBudget(1);
        List<RawClient> held = new ArrayList<>();
        try (RuntimeApiServer flooder = RuntimeApiServer.start(
                        dir.resolve("flooder.sock"), "flooder", null, ThreadPlacement.AGENTS_OWN, 10_000, host);
                RuntimeApiServer neighbour = RuntimeApiServer.start(
                        dir.resolve("neighbour.sock"), "neighbour", null, ThreadPlacement.AGENTS_OWN, 10_000, host)) {
            flooder.attach(new RuntimeSession());
            neighbour.attach(new RuntimeSession());
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < RuntimeApiServer.OWN_CONNECTIONS + 1; i++) { // its own and the host's one
                held.add(new RawClient(flooder.socket()));
                answers.add(held.get(held.size() - 1).exchange("GET /nothing HTTP/1.1\r\n\r\n"));
            }
            for (int i = 0; i < RuntimeApiServer.OWN_CONNECTIONS; i++) {
                held.add(new RawClient(neighbour.socket()));
                answers.add(held.get(held.size() - 1).exchange("GET /nothing HTTP/1.1\r\n\r\n"));
            }
            try (RawClient waiting = new RawClient(neighbour.socket())) {
                CompletableFuture<String> answer = answerLater(waiting);
                Thread.sleep(300);
                boolean answeredWhileTheHostsWereHeld = answer.isDone();

                held.remove(0).close(); // the flooder gives one back to the host

                answers.forEach(served -> assertTrue(served.startsWith("HTTP/1.1 404"), served));
                assertFalse(answeredWhileTheHostsWereHeld, "waits for the host's connection: " + answer.getNow(""));
                assertTrue(answer.get(5, TimeUnit.SECONDS).startsWith("HTTP/1.1 404"), "served once it is free");
            }
        } finally {
            for (RawClient client : held) {
                client.close();
            }
        }
    }

    @Test
    void closesAConnectionWhoseRequestDoesNotArriveInTime(@TempDir Path dir) throws Exception {
        try (RuntimeApiServer server = RuntimeApiServer.start(
                        dir.resolve("runtime.sock"),
                        "test",
                        null,
                        ThreadPlacement.AGENTS_OWN,
                        300,
                        new ConnectionBudget(0));
                RawClient slow = new RawClient(server.socket());
                RawClient idle = new RawClient(server.socket())) {
            server.attach(new RuntimeSession());
            slow.send("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n"); // and no end of head

            assertTrue(slow.closedBy(inSeconds(5)), "a head that stops half way is cut off");
            assertTrue(
                    idle.exchange("GET /nothing HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 404"),
                    "a connection without a started request waits as long as it likes");
        }
    }

    @Test
    void errorDocumentsAreJsonWhateverTheMessageHolds() {
        String message = "quote \" backslash \\ newline \n and </script>";

        JsonObject error = Json.createReader(new StringReader(ErrorDocument.of(message, "Sandbox.Odd\"")))
                .readObject();

        assertEquals(message, error.getString("errorMessage"));
        assertEquals("Sandbox.Odd\"", error.getString("errorType"));
    }

    /** Sends a request on {@code client} and reads its answer, whenever it comes. */
    private static CompletableFuture<String> answerLater(RawClient client) throws IOException {
        client.send("GET /nothing HTTP/1.1\r\n\r\n");
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.answer();
            } catch (IOException e) {
                return e.toString();
            }
        });
    }
}
