package dev.hearth.hypervisor.host.egress;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.network.AddressRange;
import dev.hearth.domain.network.DestinationGuard;
import dev.hearth.domain.network.NetworkPolicy;
import dev.hearth.domain.rules.Limits;
import dev.hearth.hypervisor.host.threads.ConnectionBudget;
import dev.hearth.hypervisor.host.threads.ThreadPlacement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy on its own: what it refuses at connect time and how much one container may hold. */
class EgressProxyTest {

    @TempDir
    Path dir;

    private EgressProxy proxy;
    private ServerSocket loopbackListener;

    @BeforeEach
    void start() throws IOException {
        proxy = EgressProxy.start(dir.resolve("egress.sock"), "test", Set::of, ThreadPlacement.AGENTS_OWN);
        loopbackListener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        loopbackListener.close();
    }

    @Test
    void anAllowedEntryThatDenotesLoopbackIsRefusedAtConnectTimeInEveryNotation() throws IOException {
        int port = loopbackListener.getLocalPort();
        List<String> hosts = List.of("127.0.0.1", "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]");
        proxy.allow(hosts.stream().map(h -> h + ":" + port).toList(), List.of(), null);

        for (String host : hosts) {
            String connect = exchange("CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: x\r\n\r\n");
            String plain = exchange("GET http://" + host + ":" + port + "/management HTTP/1.1\r\nHost: x\r\n\r\n");

            assertTrue(connect.startsWith("HTTP/1.1 403 Forbidden\r\n"), host + ": " + connect);
            assertTrue(connect.contains("127.0.0.1 is loopback"), connect);
            assertTrue(plain.startsWith("HTTP/1.1 403 Forbidden\r\n"), host + ": " + plain);
        }
        assertEquals(2L * hosts.size(), proxy.denials());
        loopbackListener.setSoTimeout(1);
        assertTrue(acceptsNothing(), "the loopback listener was never reached");
    }

    @Test
    void aNameOfTheHostItselfIsRefusedEvenWhenAllowListed() throws IOException {
        proxy.allow(List.of("localhost:4848", "aux.hearth.internal:80"), List.of(), null);

        assertTrue(exchange("CONNECT localhost:4848 HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 403 Forbidden\r\n"));
        assertTrue(
                exchange("CONNECT aux.hearth.internal:80 HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 404 Not Found\r\n"));
    }

    @Test
    void theAuxiliaryServicesHostIsNoEgressDestinationEvenInsideAnAllowedNetwork() throws IOException {
        InetAddress payara = InetAddress.getByName("10.0.0.5");
        Set<InetAddress> hearthHosts = EgressProxy.hearthHosts(
                Set.of(InetAddress.getLoopbackAddress()),
                URI.create("http://payara.internal:8080/api/v1/aux"),
                name -> name.equals("payara.internal") ? new InetAddress[] {payara} : new InetAddress[0]);
        DestinationGuard guard =
                new DestinationGuard(new NetworkPolicy(List.of(AddressRange.parse("10.0.0.0/8")), hearthHosts));

        assertEquals(Optional.of("10.0.0.5 is an address of a Hearth host"), guard.refusal(payara));
        assertEquals(Optional.empty(), guard.refusal(InetAddress.getByName("10.0.0.6")), "its neighbour");
        assertEquals(
                Set.of(InetAddress.getLoopbackAddress()),
                EgressProxy.hearthHosts(Set.of(InetAddress.getLoopbackAddress()), null, name -> {
                    throw new AssertionError("nothing to resolve");
                }));
    }

    @Test
    void connectionsBeyondTheLimitAreAnswered503() throws IOException {
        List<SocketChannel> idle = new ArrayList<>();
        try {
            for (int i = 0; i < EgressProxy.MAX_CONNECTIONS; i++) {
                idle.add(open()); // each holds a thread, waiting for its head
            }
            // Accepted in order, so the next one is over the limit: answered at once, before it says anything.
            String answer = exchange("");

            assertTrue(answer.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), answer);
        } finally {
            for (SocketChannel channel : idle) {
                channel.close();
            }
        }
    }

    @Test
    void aContainerKeepsItsOwnConnectionsWhileAnotherHoldsAllThatTheHostShares() throws Exception {
        ConnectionBudget host = new ConnectionBudget(2);
        String refusedByTheHost = "too many connections through the proxies of this host";
        String request = "CONNECT 127.0.0.1:1 HTTP/1.1\r\n\r\n"; // refused by the guard, once served
        List<SocketChannel> idle = new ArrayList<>();
        try (EgressProxy flooder = EgressProxy.start(
                        dir.resolve("flooder.sock"), "flooder", Set::of, ThreadPlacement.AGENTS_OWN, 10_000, host);
                EgressProxy neighbour = EgressProxy.start(
                        dir.resolve("neighbour.sock"),
                        "neighbour",
                        Set::of,
                        ThreadPlacement.AGENTS_OWN,
                        10_000,
                        host)) {
            flooder.allow(List.of("127.0.0.1:1"), List.of(), null);
            neighbour.allow(List.of("127.0.0.1:1"), List.of(), null);
            for (int i = 0; i < EgressProxy.OWN_CONNECTIONS + 2; i++) {
                idle.add(open(flooder)); // its own four and the host's two, each waiting for its head
            }
            String flooderRefused = exchange(flooder, "");
            List<SocketChannel> neighbours = new ArrayList<>();
            for (int i = 0; i < EgressProxy.OWN_CONNECTIONS; i++) {
                neighbours.add(open(neighbour)); // its own four, each waiting for its head
            }
            idle.addAll(neighbours);
            String neighbourRefused = exchange(neighbour, ""); // refused before it could send anything
            idle.remove(0).close(); // the flooder gives one back to the host
            String neighbourLater = "";
            for (int i = 0; i < 50 && !neighbourLater.startsWith("HTTP/1.1 403"); i++) {
                try {
                    neighbourLater = exchange(neighbour, request);
                } catch (IOException resetWhileSending) { // refused, before the flooder's proxy saw its end
                    neighbourLater = resetWhileSending.toString();
                    Thread.sleep(100);
                }
            }
            List<String> neighbourOwn = new ArrayList<>();
            for (SocketChannel channel : neighbours) {
                channel.write(ByteBuffer.wrap(request.getBytes(ISO_8859_1)));
                neighbourOwn.add(answerTo(channel));
            }

            assertTrue(flooderRefused.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), flooderRefused);
            assertTrue(flooderRefused.contains(refusedByTheHost), flooderRefused);
            assertTrue(neighbourRefused.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), neighbourRefused);
            assertTrue(neighbourRefused.contains(refusedByTheHost), neighbourRefused);
            assertTrue(neighbourLater.startsWith("HTTP/1.1 403 Forbidden\r\n"), neighbourLater);
            neighbourOwn.forEach(answer -> assertTrue(answer.startsWith("HTTP/1.1 403 Forbidden\r\n"), answer));
        } finally {
            for (SocketChannel channel : idle) {
                channel.close();
            }
        }
    }

    @Test
    void closingTheRouteClosesWhatIsOpenAndRefusesMoreUntilTheNextInvocation() throws IOException {
        URI auxiliary = auxiliaryBase();
        proxy.allow(List.of(), List.of(), auxiliary);
        loopbackListener.setSoTimeout(5000);
        try (SocketChannel client = open()) {
            client.write(ByteBuffer.wrap("GET http://aux.hearth.internal/kv HTTP/1.1\r\n\r\n".getBytes(ISO_8859_1)));
            try (Socket upstream = loopbackListener.accept()) {
                upstream.setSoTimeout(5000);
                // The request arrived and waits for its answer, as a long poll would.
                assertTrue(new String(upstream.getInputStream().readNBytes(11), ISO_8859_1).startsWith("GET /aux/kv"));

                proxy.closeRoute();

                upstream.getInputStream().readAllBytes(); // the rest of the head, then the end (or a timeout)
                assertEquals(-1, upstream.getInputStream().read(), "the upstream connection is closed");
                assertEquals(-1, client.read(ByteBuffer.allocate(64)), "the container's connection is closed");
            }
        }
        String between = exchange("GET http://aux.hearth.internal/kv HTTP/1.1\r\n\r\n");
        assertTrue(between.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), between);
        assertEquals(0, proxy.denials(), "a closed route is no denial of the next invocation");

        proxy.allow(List.of(), List.of(), auxiliary);
        try (SocketChannel client = open()) {
            client.write(ByteBuffer.wrap("GET http://aux.hearth.internal/kv HTTP/1.1\r\n\r\n".getBytes(ISO_8859_1)));
            loopbackListener.accept().close();
        }
    }

    @Test
    void aPlainAnswerTellsAKeepAliveClientThatTheConnectionEnds() throws Exception {
        proxy.allow(List.of(), List.of(), auxiliaryBase());
        CompletableFuture<String> upstreamSaw = answerOnce("HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok");

        String answer = exchange("PUT http://aux.hearth.internal/kv/a HTTP/1.1\r\nConnection: keep-alive\r\n"
                + "Content-Length: 2\r\n\r\n{}");

        assertEquals(
                "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
                answer);
        assertTrue(upstreamSaw.get(5, TimeUnit.SECONDS).startsWith("PUT /aux/kv/a HTTP/1.1\r\n"));
        assertTrue(upstreamSaw.get().contains("\r\nConnection: close\r\n"), upstreamSaw.get());
    }

    @Test
    void aDestinationThatClosesWithoutAnAnswerIsABadGateway() throws Exception {
        proxy.allow(List.of(), List.of(), auxiliaryBase());
        answerOnce("");

        String answer = exchange("GET http://aux.hearth.internal/kv/a HTTP/1.1\r\n\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 502 Bad Gateway\r\n"), answer);
    }

    @Test
    void nothingAfterAPlainRequestsBodyReachesTheDestination() throws Exception {
        proxy.allow(List.of(), List.of(), auxiliaryBase());
        String smuggled = "GET /admin HTTP/1.1\r\nHost: x\r\n\r\n";
        String ok = "HTTP/1.1 204 No Content\r\n\r\n";

        CompletableFuture<String> afterLength = answerOnce(ok);
        exchange("PUT http://aux.hearth.internal/kv/a HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}" + smuggled);
        CompletableFuture<String> afterChunks = answerOnce(ok);
        exchange("PUT http://aux.hearth.internal/kv/b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2;x=y\r\n{}\r\n0\r\nTrailer: t\r\n\r\n" + smuggled);
        CompletableFuture<String> afterNone = answerOnce(ok);
        exchange("GET http://aux.hearth.internal/kv/c HTTP/1.1\r\n\r\n" + smuggled);

        assertTrue(afterLength.get(5, TimeUnit.SECONDS).endsWith("\r\n\r\n{}"), afterLength.get());
        assertTrue(
                afterChunks.get(5, TimeUnit.SECONDS).endsWith("\r\n\r\n2;x=y\r\n{}\r\n0\r\nTrailer: t\r\n\r\n"),
                afterChunks.get());
        assertTrue(afterNone.get(5, TimeUnit.SECONDS).startsWith("GET /aux/kv/c HTTP/1.1\r\n"), afterNone.get());
        for (String arrived : List.of(afterLength.get(), afterChunks.get(), afterNone.get())) {
            assertFalse(arrived.contains("/admin"), arrived);
        }
    }

    @Test
    void aBodyFramedTwoWaysIsRefusedBeforeAnyConnectionUpstream() throws IOException {
        proxy.allow(List.of(), List.of(), auxiliaryBase());

        assertEachAnsweredWithoutAConnectionUpstream(
                "400 Bad Request",
                Stream.of(
                                "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n",
                                "Content-Length: 2\r\nContent-Length: 40\r\n",
                                "Content-Length: +2\r\n",
                                "Transfer-Encoding: gzip, chunked\r\n")
                        .map(framing -> "PUT http://aux.hearth.internal/kv/a HTTP/1.1\r\n" + framing + "\r\n{}")
                        .toList());
    }

    @Test
    void aHeadAServerCouldReadOtherwiseIsRefusedBeforeAnyConnectionUpstream() throws IOException {
        proxy.allow(List.of(), List.of(), auxiliaryBase());
        String put = "PUT http://aux.hearth.internal/kv/a HTTP/1.1\r\n";
        String smuggled = "GET /api/v1/admin/hosts HTTP/1.1\r\nHost: x\r\n\r\n";

        assertEachAnsweredWithoutAConnectionUpstream(
                "400 Bad Request",
                List.of(
                        put + "X-A: b\r\n Content-Length: 44\r\n\r\n" + smuggled, // folded with a space
                        put + "X-A: b\r\n\tContent-Length: 44\r\n\r\n" + smuggled, // folded with a tab
                        put + "Content-Length 2\r\n\r\n{}", // no colon
                        put + "Content-Length : 2\r\n\r\n{}", // space before the colon
                        put + "Content-Length\t: 2\r\n\r\n{}",
                        put + "X(A): b\r\n\r\n", // a name that is not a token
                        put + "X-A: b\rContent-Length: 44\r\n\r\n" + smuggled, // a bare CR
                        put + "X-A: b\0\r\n\r\n", // NUL
                        put + "X-A: b\u0001c\r\n\r\n",
                        put + "X-A: b\u007f\r\n\r\n",
                        "PUT http://aux.hearth.internal/kv/a\0 HTTP/1.1\r\n\r\n",
                        "PUT\thttp://aux.hearth.internal/kv/a HTTP/1.1\r\n\r\n",
                        "PUT  http://aux.hearth.internal/kv/a HTTP/1.1\r\n\r\n",
                        "PUT http://aux.hearth.internal/kv/a HTTP/1.1 \r\n\r\n",
                        "PUT http://aux.hearth.internal/kv/a HTTP/2.0\r\n\r\n",
                        "PUT http://aux.hearth.internal/kv/a HTTP/1.2\r\n\r\n",
                        "PUT http://aux.hearth.internal/kv/a http/1.1\r\n\r\n",
                        "P(T http://aux.hearth.internal/kv/a HTTP/1.1\r\n\r\n", // a method that is not a token
                        "PUT http://aux.hearth.internal/kv/a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"));
    }

    @Test
    void tabsInValuesAndHttp10AreCarried() throws Exception {
        proxy.allow(List.of(), List.of(), auxiliaryBase());
        CompletableFuture<String> upstreamSaw = answerOnce("HTTP/1.0 204 No Content\r\n\r\n");

        String answer = exchange(
                "PUT http://aux.hearth.internal/kv/a HTTP/1.0\r\nX-A:\tb c\t\r\n" + "Content-Length: 2\r\n\r\n{}");

        assertTrue(answer.startsWith("HTTP/1.0 204 No Content\r\n"), answer);
        assertTrue(upstreamSaw.get(5, TimeUnit.SECONDS).startsWith("PUT /aux/kv/a HTTP/1.0\r\nX-A:\tb c\t\r\n"));
    }

    @Test
    void aSlowAuxiliaryBodyIsAnswered408WithoutAConnectionUpstream() throws Exception {
        proxy.close();
        proxy = EgressProxy.start(
                dir.resolve("slow.sock"), "slow", Set::of, ThreadPlacement.AGENTS_OWN, 1_000, new ConnectionBudget(0));
        proxy.allow(List.of(), List.of(), auxiliaryBase());
        long start = System.nanoTime();
        try (SocketChannel client = open()) {
            client.write(ByteBuffer.wrap(("PUT http://aux.hearth.internal/kv/a HTTP/1.1\r\n"
                            + "Authorization: Bearer t\r\nContent-Length: 65536\r\n\r\n{")
                    .getBytes(ISO_8859_1)));
            for (int i = 0; i < 3; i++) { // a byte now and then, the body never whole
                Thread.sleep(250);
                client.write(ByteBuffer.wrap(new byte[] {' '}));
            }

            String answer = answerTo(client);

            assertTrue(answer.startsWith("HTTP/1.1 408 Request Timeout\r\n"), answer);
        }
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 3_000, "answered at the deadline");
        loopbackListener.setSoTimeout(1);
        assertTrue(acceptsNothing(), "Payara was never asked");
    }

    @Test
    void anAuxiliaryBodyOverTheBoundIsAnswered413WithoutAConnectionUpstream() throws IOException {
        proxy.allow(List.of(), List.of(), auxiliaryBase());
        String put = "PUT http://aux.hearth.internal/kv/a HTTP/1.1\r\n";
        String chunk = Integer.toHexString(8 << 10) + "\r\n" + "x".repeat(8 << 10) + "\r\n";
        int chunks = EgressProxy.MAX_AUXILIARY_BODY_BYTES / (8 << 10) + 1;

        assertEachAnsweredWithoutAConnectionUpstream(
                "413 Content Too Large",
                List.of(
                        put + "Content-Length: " + (EgressProxy.MAX_AUXILIARY_BODY_BYTES + 1) + "\r\n\r\n",
                        put + "Content-Length: 1000000000\r\n\r\n",
                        put + "Transfer-Encoding: chunked\r\n\r\n" + chunk.repeat(chunks) + "0\r\n\r\n"));
    }

    @Test
    void anAuxiliaryBodyArrivesWholeWithItsHead() throws Exception {
        proxy.allow(List.of(), List.of(), auxiliaryBase());
        String value = "\"" + "v".repeat(Limits.MAX_KEY_VALUE_BYTES - 2) + "\"";
        String half = Integer.toHexString(value.length() / 2) + "\r\n";
        String ok = "HTTP/1.1 204 No Content\r\n\r\n";

        CompletableFuture<String> byLength = answerOnce(ok);
        String lengthAnswer = exchange("PUT http://aux.hearth.internal/kv/a HTTP/1.1\r\n" + "Content-Length: "
                + value.length() + "\r\n\r\n" + value);
        CompletableFuture<String> byChunks = answerOnce(ok);
        String chunkedBody = half + value.substring(0, value.length() / 2) + "\r\n" + half
                + value.substring(value.length() / 2) + "\r\n0\r\n\r\n";
        String chunkedAnswer = exchange(
                "PUT http://aux.hearth.internal/kv/b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody);

        assertTrue(lengthAnswer.startsWith("HTTP/1.1 204 No Content\r\n"), lengthAnswer);
        assertTrue(chunkedAnswer.startsWith("HTTP/1.1 204 No Content\r\n"), chunkedAnswer);
        assertTrue(byLength.get(5, TimeUnit.SECONDS).startsWith("PUT /aux/kv/a HTTP/1.1\r\n"));
        assertTrue(byLength.get().endsWith("\r\n\r\n" + value), "the value arrived whole");
        assertTrue(byChunks.get(5, TimeUnit.SECONDS).endsWith("\r\n\r\n" + chunkedBody), "the chunks arrived whole");
    }

    @Test
    void anAuxiliaryClientThatWaitsToBeAskedForItsBodyIsAskedByTheProxy() throws Exception {
        proxy.allow(List.of(), List.of(), auxiliaryBase());
        CompletableFuture<String> upstreamSaw = answerOnce("HTTP/1.1 204 No Content\r\n\r\n");
        try (SocketChannel client = open()) {
            client.write(ByteBuffer.wrap(("PUT http://aux.hearth.internal/kv/a HTTP/1.1\r\n"
                            + "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n")
                    .getBytes(ISO_8859_1)));
            ByteBuffer asked = ByteBuffer.allocate("HTTP/1.1 100 Continue\r\n\r\n".length());
            while (asked.hasRemaining() && client.read(asked) != -1) {
                // until the interim answer is whole, as curl waits for it
            }
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(asked.array(), ISO_8859_1));
            client.write(ByteBuffer.wrap("{}".getBytes(ISO_8859_1)));

            String answer = answerTo(client);

            assertTrue(answer.startsWith("HTTP/1.1 204 No Content\r\n"), answer);
        }
        String arrived = upstreamSaw.get(5, TimeUnit.SECONDS);
        assertTrue(arrived.endsWith("\r\n\r\n{}"), arrived);
        assertFalse(arrived.toLowerCase(Locale.ROOT).contains("expect:"), "Payara gets the body at once: " + arrived);
    }

    @Test
    void aContainerHasAtMostAFewAuxiliaryRequestsUnderWay() throws Exception {
        proxy.allow(List.of(), List.of(), auxiliaryBase());
        loopbackListener.setSoTimeout(5_000);
        List<SocketChannel> clients = new ArrayList<>();
        List<Socket> upstreams = new ArrayList<>();
        try {
            for (int i = 0; i < EgressProxy.MAX_AUXILIARY_REQUESTS; i++) {
                SocketChannel client = open();
                clients.add(client);
                client.write(ByteBuffer.wrap(
                        ("GET http://aux.hearth.internal/kv/" + i + " HTTP/1.1\r\n\r\n").getBytes(ISO_8859_1)));
                upstreams.add(loopbackListener.accept()); // under way: Payara has it and has not answered
            }

            String over = exchange("GET http://aux.hearth.internal/kv/x HTTP/1.1\r\n\r\n");

            assertTrue(over.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), over);
            upstreams.get(0).close(); // one ends
            assertTrue(answerTo(clients.get(0)).startsWith("HTTP/1.1 502 Bad Gateway\r\n"));
            CompletableFuture<String> upstreamSaw = answerOnce("HTTP/1.1 204 No Content\r\n\r\n");
            String next = exchange("GET http://aux.hearth.internal/kv/y HTTP/1.1\r\n\r\n");
            assertTrue(next.startsWith("HTTP/1.1 204 No Content\r\n"), next);
            assertTrue(upstreamSaw.get(5, TimeUnit.SECONDS).startsWith("GET /aux/kv/y HTTP/1.1\r\n"));
        } finally {
            for (SocketChannel client : clients) {
                client.close();
            }
            for (Socket upstream : upstreams) {
                upstream.close();
            }
        }
    }

    /** Sends each request on a connection of its own: each is answered {@code status}, none goes upstream. */
    private void assertEachAnsweredWithoutAConnectionUpstream(String status, List<String> requests) throws IOException {
        for (String request : requests) {
            String answer = exchange(request);

            assertTrue(answer.startsWith("HTTP/1.1 " + status + "\r\n"), request + answer);
        }
        loopbackListener.setSoTimeout(1);
        assertTrue(acceptsNothing(), "the destination was never reached");
    }

    private URI auxiliaryBase() {
        return URI.create("http://127.0.0.1:" + loopbackListener.getLocalPort() + "/aux");
    }

    /**
     * Accepts one connection on the loopback listener, takes what arrives until nothing more has
     * for half a second, answers {@code answer} and closes; what arrived.
     */
    private CompletableFuture<String> answerOnce(String answer) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket upstream = loopbackListener.accept()) {
                upstream.setSoTimeout(500);
                ByteArrayOutputStream arrived = new ByteArrayOutputStream();
                byte[] buffer = new byte[4096];
                try {
                    for (int n; (n = upstream.getInputStream().read(buffer)) != -1; ) {
                        arrived.write(buffer, 0, n);
                    }
                } catch (SocketTimeoutException quiet) {
                    // all there is
                }
                upstream.getOutputStream().write(answer.getBytes(ISO_8859_1));
                return arrived.toString(ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private boolean acceptsNothing() throws IOException {
        try {
            loopbackListener.accept().close();
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        }
    }

    private SocketChannel open() throws IOException {
        return open(proxy);
    }

    private static SocketChannel open(EgressProxy proxy) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(proxy.socket()));
        return channel;
    }

    /** Sends {@code request} (if any) and reads the answer until the proxy closes the connection. */
    private String exchange(String request) throws IOException {
        return exchange(proxy, request);
    }

    private static String exchange(EgressProxy proxy, String request) throws IOException {
        try (SocketChannel channel = open(proxy)) {
            if (!request.isEmpty()) {
                channel.write(ByteBuffer.wrap(request.getBytes(ISO_8859_1)));
            }
            return answerTo(channel);
        }
    }

    /** What the proxy answers on {@code channel}, until it closes the connection. */
    private static String answerTo(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (channel.read(buffer) != -1 && buffer.hasRemaining()) {
            // until closed
        }
        return new String(buffer.array(), 0, buffer.position(), ISO_8859_1);
    }
}
