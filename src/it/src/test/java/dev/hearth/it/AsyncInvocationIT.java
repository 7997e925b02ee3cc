package dev.hearth.it;

import static dev.hearth.it.HearthApi.delete;
import static dev.hearth.it.HearthApi.get;
import static dev.hearth.it.HearthApi.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14: invocations with {@code Prefer: respond-async} are accepted at once, run by the
 * workers, retried when the function fails and kept as dead letters when it still does. A function
 * that fails until its owner deploys a fix makes retries deterministic: the retry that runs after
 * the fix succeeds (the IT environment retries after 1 s, 2 s, 4 s, ...).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AsyncInvocationIT {

    private static final List<String> FUNCTIONS =
            List.of("async-echo", "async-flaky", "async-doomed", "async-once", "async-trusted", "async-slow");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @BeforeEach
    void noFunctionsOfThisTestYet() {
        for (String name : FUNCTIONS) {
            int status = delete("dev", "/functions/" + name).status();
            assertTrue(status == 204 || status == 404, "deleting " + name + " answered " + status);
        }
    }

    @Test
    void acceptedAtOnceThenRunsToSuccessWithItsResult() {
        deploy("async-echo", echo());
        HearthApi.Answer accepted = postAsync("dev", "async-echo", "{\"n\": 1}", null);
        assertEquals(202, accepted.status(), accepted.body());
        assertEquals("respond-async", accepted.header("Preference-Applied"));
        String activationId = accepted.json().getString("activationId");
        assertEquals("queued", accepted.json().getString("status"));
        assertTrue(
                accepted.header("Location").endsWith("/api/v1/activations/" + activationId),
                accepted.header("Location"));

        HearthApi.Answer atOnce = get("dev", "/activations/" + activationId);
        assertEquals(200, atOnce.status(), "visible at once: " + atOnce.body());
        assertTrue(
                List.of("queued", "running", "success").contains(atOnce.json().getString("status")), atOnce.body());

        JsonObject done = awaitActivation("dev", activationId, a -> !pending(a));
        assertEquals("success", done.getString("status"), done.toString());
        assertEquals(1, done.getJsonObject("result").getJsonObject("echo").getInt("n"), done.toString());
        assertFalse(done.getString("instanceId").isEmpty(), done.toString());

        HearthApi.Answer otherPreference = HearthApi.send(HearthApi.request("dev", "/functions/async-echo/invocations")
                .header("Content-Type", "application/json")
                .header("Prefer", "return=minimal")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\": 2}")));
        assertEquals(200, otherPreference.status(), "other preferences are ignored: " + otherPreference.body());
        assertEquals(
                2,
                otherPreference
                        .json()
                        .getJsonObject("result")
                        .getJsonObject("echo")
                        .getInt("n"));
    }

    @Test
    void anotherCallersEventRunsAtTheNextFreeWorkerAheadOfABacklog() {
        deploy("async-slow", slow());
        List<String> backlog = new ArrayList<>();
        for (int i = 0; i < 16; i++) { // four workers, each 2 s per event: 8 s to run them all in turn
            HearthApi.Answer accepted = postAsync("dev", "async-slow", "{}", null);
            assertEquals(202, accepted.status(), accepted.body());
            backlog.add(accepted.json().getString("activationId"));
        }
        HearthApi.Answer deployed = put("dev2", "/functions/async-quick", "application/zip", echo());
        assertTrue(deployed.status() == 201 || deployed.status() == 200, deployed.body());
        try {
            HearthApi.Answer accepted = postAsync("dev2", "async-quick", "{\"n\": 1}", null);
            assertEquals(202, accepted.status(), accepted.body());

            JsonObject done = awaitActivation("dev2", accepted.json().getString("activationId"), a -> !pending(a));
            long backlogNotStarted = backlog.stream()
                    .filter(id -> "queued"
                            .equals(get("dev", "/activations/" + id).json().getString("status")))
                    .count();

            assertEquals("success", done.getString("status"), done.toString());
            assertTrue(backlogNotStarted >= 8, "dev2's event ran while " + backlogNotStarted + " of dev's waited");
        } finally {
            delete("dev2", "/functions/async-quick");
        }
    }

    @Test
    void aCallerKeepsAtMost2500EventsAndOthersStillQueueTheirs() throws Exception {
        deploy("async-slow", slow());
        List<HearthApi.Answer> answers = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<HearthApi.Answer>> sent = new ArrayList<>();
            // A hundred more than the bound: the workers end a few of them meanwhile (2 per second).
            for (int i = 0; i < 2600; i++) {
                sent.add(senders.submit(() -> postAsync("dev", "async-slow", "{}", null)));
            }
            for (Future<HearthApi.Answer> answer : sent) {
                answers.add(answer.get());
            }
        } finally {
            senders.shutdown();
        }
        long accepted = answers.stream().filter(a -> a.status() == 202).count();
        HearthApi.Answer refused =
                answers.stream().filter(a -> a.status() != 202).findFirst().orElseGet(() -> fail("all 2,600 accepted"));

        assertTrue(accepted >= 2500, accepted + " accepted");
        assertEquals(429, refused.status(), refused.body());
        assertEquals(
                "https://hearth.dev/problems/async-queue-full", refused.json().getString("type"));
        assertEquals("10", refused.header("Retry-After"));
        HearthApi.Answer deployed = put("dev2", "/functions/async-quick", "application/zip", echo());
        assertTrue(deployed.status() == 201 || deployed.status() == 200, deployed.body());
        try {
            HearthApi.Answer another = postAsync("dev2", "async-quick", "{}", null);
            assertEquals(202, another.status(), "another caller still queues: " + another.body());
        } finally {
            delete("dev2", "/functions/async-quick");
            delete("dev", "/functions/async-slow"); // and its queued events with it
        }
    }

    @Test
    void retriedUntilTheFunctionSucceeds() {
        deploy("async-flaky", failing());
        HearthApi.Answer settings = put(
                "dev",
                "/functions/async-flaky/async-settings",
                "application/json",
                "{\"maxRetries\": 5, \"maxEventAgeSeconds\": 600}".getBytes());
        assertEquals(200, settings.status(), settings.body());
        assertEquals(5, settings.json().getInt("maxRetries"));

        HearthApi.Answer accepted = postAsync("dev", "async-flaky", "{}", null);
        assertEquals(202, accepted.status(), accepted.body());
        String activationId = accepted.json().getString("activationId");
        JsonObject waiting = awaitActivation(
                "dev",
                activationId,
                a -> "queued".equals(a.getString("status"))
                        && !a.getString("instanceId").isEmpty());
        assertTrue(waiting.getString("logTail", "").contains("not yet"), "the failed attempt's log: " + waiting);

        deploy("async-flaky", echo());
        JsonObject done = awaitActivation("dev", activationId, a -> !pending(a));
        assertEquals("success", done.getString("status"), "a retry ran the fixed code: " + done);
        assertTrue(done.getJsonObject("result").containsKey("echo"), done.toString());
        assertEquals(0, array(get("dev", "/functions/async-flaky/dead-letters")).size());
    }

    @Test
    void stillFailingGoesToTheDeadLettersAndIsRedriven() {
        deploy("async-doomed", failing());
        assertEquals(
                200,
                put(
                                "dev",
                                "/functions/async-doomed/async-settings",
                                "application/json",
                                "{\"maxRetries\": 1, \"maxEventAgeSeconds\": 600}".getBytes())
                        .status());
        String first =
                postAsync("dev", "async-doomed", "{\"order\": 7}", null).json().getString("activationId");
        String second =
                postAsync("dev", "async-doomed", "{\"order\": 8}", null).json().getString("activationId");
        String padded = "{\"order\": 9, \"pad\": \"" + "x".repeat(5000) + "\"}";
        postAsync("dev", "async-doomed", padded, null);

        JsonArray dead = awaitDeadLetters("async-doomed", 3);
        JsonObject letter = dead.stream()
                .map(JsonObject.class::cast)
                .filter(l -> order(l) == 7)
                .findFirst()
                .orElseThrow();
        assertEquals(2, letter.getInt("attempts"), letter.toString());
        assertEquals(2, letter.getInt("failedAttempts"), letter.toString());
        assertTrue(letter.getString("lastError").contains("not yet"), letter.toString());
        assertEquals(List.of(first), letter.getJsonArray("activationIds").getValuesAs(JsonString::getString));
        assertEquals("error", get("dev", "/activations/" + first).json().getString("status"));
        String letterId = letter.getString("id");
        String path = "/functions/async-doomed/dead-letters/" + letterId;
        assertEquals(200, get("dev", path).status());
        assertEquals(404, get("dev2", path).status(), "another developer learns nothing of it");
        assertEquals(404, get("dev2", "/functions/async-doomed/dead-letters").status());

        JsonObject cut = dead.stream()
                .map(JsonObject.class::cast)
                .filter(l -> l.getBoolean("eventTruncated", false))
                .findFirst()
                .orElseThrow(() -> new AssertionError("a listed event over 4,096 characters is cut: " + dead));
        assertEquals(padded.substring(0, 4096), cut.getString("event"), "its beginning, as a JSON string");
        String longPath = "/functions/async-doomed/dead-letters/" + cut.getString("id");
        JsonObject whole = get("dev", longPath).json();
        assertEquals(5000, whole.getJsonObject("event").getString("pad").length(), "the dead letter gives it whole");
        assertFalse(whole.containsKey("eventTruncated"), whole.keySet().toString());
        assertEquals(
                1,
                array(get("dev", "/functions/async-doomed/dead-letters?limit=1"))
                        .size());
        assertEquals(
                400, get("dev", "/functions/async-doomed/dead-letters?limit=0").status());
        assertEquals(204, delete("dev", longPath).status());

        String otherId = dead.stream()
                .map(JsonObject.class::cast)
                .filter(l -> order(l) == 8)
                .findFirst()
                .orElseThrow()
                .getString("id");
        assertEquals(
                204,
                delete("dev", "/functions/async-doomed/dead-letters/" + otherId).status());
        HearthApi.Answer gone = get("dev", "/functions/async-doomed/dead-letters/" + otherId);
        assertEquals(404, gone.status());
        assertTrue(gone.json().getString("type").endsWith("/dead-letter-not-found"), gone.body());

        deploy("async-doomed", echo());
        HearthApi.Answer redriven = HearthApi.post("dev", path + "/redrive", "application/json", "");
        assertEquals(202, redriven.status(), redriven.body());
        String again = redriven.json().getString("activationId");
        assertNotEquals(first, again);
        assertTrue(redriven.header("Location").endsWith("/activations/" + again), redriven.header("Location"));
        JsonObject done = awaitActivation("dev", again, a -> !pending(a));
        assertEquals("success", done.getString("status"), done.toString());
        assertEquals(7, done.getJsonObject("result").getJsonObject("echo").getInt("order"), done.toString());
        assertEquals(
                0, array(get("dev", "/functions/async-doomed/dead-letters")).size());
        assertNotEquals(second, again);
    }

    /** A listed dead letter's order, 0 when its event is listed cut (a JSON string). */
    private static int order(JsonObject letter) {
        return letter.get("event") instanceof JsonObject event ? event.getInt("order") : 0;
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheFirstInvocation() {
        deploy("async-once", echo());
        HearthApi.Answer firstPost = postAsync("dev", "async-once", "{\"n\": 1}", "order-42");
        HearthApi.Answer secondPost = postAsync("dev", "async-once", "{\"n\": 2}", "order-42");
        assertEquals(202, firstPost.status(), firstPost.body());
        assertEquals(202, secondPost.status(), secondPost.body());
        String activationId = firstPost.json().getString("activationId");
        assertEquals(activationId, secondPost.json().getString("activationId"));

        JsonObject done = awaitActivation("dev", activationId, a -> !pending(a));
        assertEquals(1, done.getJsonObject("result").getJsonObject("echo").getInt("n"), "the first event ran");
        HearthApi.Answer afterwards = postAsync("dev", "async-once", "{\"n\": 3}", "order-42");
        assertEquals(activationId, afterwards.json().getString("activationId"), "also after it ran");
        JsonArray activations = array(get("dev", "/functions/async-once/activations"));
        assertEquals(1, activations.size(), "one run: " + activations);

        HearthApi.Answer badKey = postAsync("dev", "async-once", "{}", "two words");
        assertEquals(400, badKey.status(), badKey.body());
        assertTrue(badKey.contentType().startsWith("application/problem+json"), badKey.contentType());
        assertTrue(badKey.json().getString("detail").contains("Idempotency-Key"), badKey.body());
    }

    @Test
    void badRequestsAreClearProblems() {
        deploy("async-echo", echo());
        HearthApi.Answer narrowed =
                HearthApi.send(HearthApi.request("dev", "/functions/async-echo/invocations?memoryMb=64")
                        .header("Content-Type", "application/json")
                        .header("Prefer", "respond-async")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(400, narrowed.status(), narrowed.body());
        assertEquals(400, postAsync("dev", "async-echo", "{not json", null).status());
        assertEquals(404, postAsync("dev2", "async-echo", "{}", null).status(), "not granted");

        HearthApi.Answer settings = put(
                "dev",
                "/functions/async-echo/async-settings",
                "application/json",
                "{\"maxRetries\": 9, \"maxEventAgeSeconds\": 10}".getBytes());
        assertEquals(400, settings.status(), settings.body());
        assertTrue(settings.json().getString("type").endsWith("/invalid-settings"), settings.body());
        assertEquals(2, settings.json().getJsonArray("errors").size(), settings.body());
        assertEquals(404, get("dev2", "/functions/async-echo/async-settings").status());
        JsonObject defaults = get("dev", "/functions/async-echo/async-settings").json();
        assertEquals(2, defaults.getInt("maxRetries"));
        assertEquals(21600, defaults.getInt("maxEventAgeSeconds"));

        deploy(
                "async-trusted",
                Archives.zipOfText(Map.of(
                        "hearth.json",
                        "{\"runtime\": \"python3\", \"portions\": [{\"name\": \"main\", \"handler\": \"app.handler\","
                                + " \"trustLevel\": \"trusted\"}], \"policy\": {\"credentialScopes\": [\"logs:write\"]}}",
                        "app.py",
                        "def handler(event, context):\n    return {}\n")));
        HearthApi.Answer needsCaller = postAsync("dev", "async-trusted", "{}", null);
        assertEquals(400, needsCaller.status(), needsCaller.body());
        assertTrue(needsCaller.json().getString("type").endsWith("/credential-needs-caller"), needsCaller.body());
    }

    private static HearthApi.Answer postAsync(String user, String function, String event, String idempotencyKey) {
        HttpRequest.Builder request = HearthApi.request(user, "/functions/" + function + "/invocations")
                .header("Content-Type", "application/json")
                .header("Prefer", "respond-async");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HearthApi.send(request.POST(HttpRequest.BodyPublishers.ofString(event)));
    }

    private static void deploy(String name, byte[] archive) {
        HearthApi.Answer deployed = put("dev", "/functions/" + name, "application/zip", archive);
        assertTrue(deployed.status() == 201 || deployed.status() == 200, deployed.body());
    }

    private static boolean pending(JsonObject activation) {
        return List.of("queued", "running").contains(activation.getString("status"));
    }

    private static JsonObject awaitActivation(String user, String id, Predicate<JsonObject> until) {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            HearthApi.Answer answer = get(user, "/activations/" + id);
            assertEquals(200, answer.status(), answer.body());
            last = answer.json();
            if (until.test(last)) {
                return last;
            }
            pause();
        }
        return fail("activation " + id + " did not get there; last: " + last);
    }

    private static JsonArray awaitDeadLetters(String function, int count) {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonArray last = null;
        while (Instant.now().isBefore(deadline)) {
            last = array(get("dev", "/functions/" + function + "/dead-letters"));
            if (last.size() >= count) {
                return last;
            }
            pause();
        }
        return fail("no " + count + " dead letters of " + function + "; last: " + last);
    }

    private static JsonArray array(HearthApi.Answer answer) {
        assertEquals(200, answer.status(), answer.body());
        return (JsonArray) HearthApi.parse(answer.body());
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Answers its event back. */
    private static byte[] echo() {
        return python("def handler(event, context):\n    return {\"echo\": event}\n");
    }

    /** Takes 2 s. */
    private static byte[] slow() {
        return python("import time\n\ndef handler(event, context):\n    time.sleep(2)\n    return {}\n");
    }

    /** Fails every time, saying so in its log. */
    private static byte[] failing() {
        return python("def handler(event, context):\n    print(\"not yet\")\n    raise RuntimeError(\"not yet\")\n");
    }

    private static byte[] python(String code) {
        return Archives.zipOfText(Map.of(
                "hearth.json",
                "{\"runtime\": \"python3\", \"portions\": [{\"name\": \"main\", \"handler\": \"app.handler\"}]}",
                "app.py",
                code));
    }
}
