package dev.hearth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A function whose every answer is 5.7 MiB of {@code [0, 0, …]}, nearly the most a function may
 * answer: as JSON-P trees these took ~72 MiB of Payara's heap each (docs/adr/0050). Its
 * synchronous answer, a bulk job of 10 records and the list of its async activations all
 * succeed, and Payara answers as before afterwards. Such answers their clients do not read stop
 * their user's further invocations, and no one else's, until they are (docs/adr/0056).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LargeAnswerIT {

    private static final String FUNCTION = "large-answer";
    private static final int ZEROS = 2_000_000;
    /** What Python's json.dumps([0] * 2_000_000) writes. */
    private static final String ANSWER = "[0" + ", 0".repeat(ZEROS - 1) + "]";

    private static final String MANIFEST = "{\"runtime\": \"python3\", \"entryPortion\": \"main\","
            + " \"portions\": [{\"name\": \"main\", \"path\": \".\", \"handler\": \"app.handler\","
            + " \"trustLevel\": \"untrusted\"}]}";
    private static final String APP = "def handler(event, context):\n"
            + "    return {'small': True} if event.get('small') else [0] * " + ZEROS + "\n";
    private static final String SMALL = "{\"small\": true}";
    private static final String UNREAD = "unread-answers";

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @Test
    void aFunctionsLargestAnswersPassThroughPayaraWhole() throws Exception {
        HearthApi.deployAnew(FUNCTION, Archives.zipOfText(Map.of("hearth.json", MANIFEST, "app.py", APP)));

        HearthApi.Answer invoked = invoke("{}");
        assertEquals(200, invoked.status(), invoked.body().length() > 2000 ? "" : invoked.body());
        assertTrue(
                invoked.body().contains("\"result\":" + ANSWER),
                () -> "the function's JSON as it wrote it: " + around(invoked.body(), "\"result\""));
        assertTrue(invoked.body().contains("\"status\":\"success\""));

        HearthApi.Answer started = HearthApi.send(HearthApi.request("dev", "/functions/" + FUNCTION + "/jobs")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString("{}\n".repeat(10))));
        assertEquals(202, started.status(), started.body());
        String job = started.json().getString("id");
        JsonObject done = Fleet.await(
                () -> HearthApi.get("dev", "/jobs/" + job).json(),
                j -> !List.of("starting", "started").contains(j.getString("status")),
                Duration.ofSeconds(180),
                "job " + job + " ended");
        assertEquals("completed", done.getString("status"), done.toString());
        assertEquals(0, done.getInt("recordsFailed"), done.toString());
        List<String> lines = results(job);
        assertEquals(10, lines.size());
        for (String line : lines) {
            assertTrue(line.endsWith(",\"status\":\"success\",\"result\":" + ANSWER + "}"), line.substring(0, 80));
        }

        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HearthApi.Answer accepted =
                    HearthApi.send(HearthApi.request("dev", "/functions/" + FUNCTION + "/invocations")
                            .header("Content-Type", "application/json")
                            .header("Prefer", "respond-async")
                            .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertEquals(202, accepted.status(), accepted.body());
            queued.add(accepted.json().getString("activationId"));
        }
        for (String id : queued) {
            JsonObject activation = Fleet.await(
                    () -> HearthApi.get("dev", "/activations/" + id).json(),
                    a -> !List.of("queued", "running").contains(a.getString("status")),
                    Duration.ofSeconds(120),
                    "activation " + id);
            assertEquals("success", activation.getString("status"), activation.getString("logTail", ""));
            assertTrue(activation.getBoolean("resultTruncated"));
            assertEquals(ANSWER.substring(0, 256 * 1024), activation.getString("result"));
        }
        HearthApi.Answer listed = HearthApi.get("dev", "/functions/" + FUNCTION + "/activations?limit=500");
        assertEquals(200, listed.status());
        JsonArray activations = HearthApi.parse(listed.body()).asJsonArray();
        List<String> listedResults = activations.getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getBoolean("resultTruncated", false))
                .map(a -> a.getString("result"))
                .toList();
        assertEquals(
                Collections.nCopies(3, ANSWER.substring(0, 4096)),
                listedResults,
                "a list gives each result's first 4,096 characters (docs/adr/0055)");

        HearthApi.Answer small = invoke(SMALL);
        assertEquals(200, small.status(), small.body());
        assertEquals(true, small.json().getJsonObject("result").getBoolean("small"), "Payara answers as before");
        HearthApi.delete("dev", "/functions/" + FUNCTION);
    }

    /**
     * Five connections that invoke the function and read nothing past the status line keep 6 Mi
     * characters each in Payara until their answers are written (Grizzly queues 256 KiB, then
     * blocks the write; docs/adr/0056): more than dev's share of 24 Mi. dev's next invocation is
     * refused before it runs, another user's runs, and dev's run again once the connections close.
     */
    @Test
    void answersNotReadStopTheirUsersInvocationsUntilTheyAre() throws Exception {
        HearthApi.deployAnew(UNREAD, Archives.zipOfText(Map.of("hearth.json", MANIFEST, "app.py", APP)));
        String path = "/functions/" + UNREAD + "/invocations";
        assertEquals(200, HearthApi.post("dev", path, "application/json", SMALL).status(), "warm");

        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                stalled.add(invokeAndStall(path));
            }
            HearthApi.Answer refused = HearthApi.post("dev", path, "application/json", SMALL);
            assertEquals(503, refused.status(), refused.body());
            assertEquals(
                    "https://hearth.dev/problems/server-busy", refused.json().getString("type"));
            assertEquals("1", refused.header("Retry-After"));
            HearthApi.Answer other = HearthApi.post("admin", path, "application/json", SMALL);
            assertEquals(200, other.status(), other.body());
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        Fleet.await(
                () -> HearthApi.post("dev", path, "application/json", SMALL).status(),
                status -> status == 200,
                Duration.ofSeconds(30),
                "dev's invocations once the unread answers are given up");
        HearthApi.delete("dev", "/functions/" + UNREAD);
    }

    /**
     * A connection that invokes the function as dev and, once the answer's status line has come,
     * reads no more: with a small receive window, most of the 6 MiB stays unwritten.
     */
    private static Socket invokeAndStall(String path) throws IOException {
        URI api = URI.create(HearthApi.API);
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.setSoTimeout(60_000);
        socket.connect(new InetSocketAddress(api.getHost(), api.getPort()));
        socket.getOutputStream()
                .write(("POST " + api.getPath() + path + " HTTP/1.1\r\nHost: " + api.getAuthority()
                                + "\r\nAuthorization: Bearer " + HearthApi.token("dev")
                                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
                        .getBytes(StandardCharsets.US_ASCII));
        StringBuilder statusLine = new StringBuilder();
        InputStream in = socket.getInputStream();
        for (int c = in.read(); c != '\n' && c != -1; c = in.read()) {
            statusLine.append((char) c);
        }
        assertTrue(statusLine.toString().startsWith("HTTP/1.1 200"), statusLine.toString());
        return socket;
    }

    /** What a message shows of a long text: around the first {@code what}. */
    private static String around(String text, String what) {
        int at = Math.max(0, text.indexOf(what));
        return text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 200)) + " (" + text.length()
                + " chars)";
    }

    private static HearthApi.Answer invoke(String event) {
        return HearthApi.post("dev", "/functions/" + FUNCTION + "/invocations", "application/json", event);
    }

    /** The job's results file, line by line, as text: 10 trees of 2 million values each are not needed here. */
    private static List<String> results(String job) throws IOException {
        HttpResponse<byte[]> answer = HearthApi.download("dev", "/jobs/" + job + "/results");
        assertEquals(200, answer.statusCode());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(answer.body()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
