package dev.hearth.hypervisor.adapter.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.hypervisor.api.HostAgentException;
import dev.hearth.protocol.wire.AgentEvent;
import dev.hearth.protocol.wire.AgentInfo;
import dev.hearth.protocol.wire.CreateInstanceRequest;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import dev.hearth.protocol.wire.ResourceLimits;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The typed v1 calls as the scheduler sees them: what each sends, and what each answer becomes. */
class AgentApiClientTest {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final String PROBLEM = "application/problem+json";
    private static final InvokeRequest REQUEST = InvokeRequest.withoutAuxiliaryServices(
            "inv-1",
            "hello",
            "ab12",
            "python3",
            "main",
            List.of(),
            Map.of(),
            new ResourceLimits(128, 10, 16, 64, 100),
            "{\"name\":\"Hearth\"}",
            null,
            List.of());

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    private static AgentApiClient client(ScriptedAgent agent) {
        return client(agent.url("http"));
    }

    private static AgentApiClient client(URI url) {
        return new AgentApiClient(new AgentHttpChannel(url, Optional.empty(), "secret", 2000, 5000), JSONB);
    }

    private static HostAgentException refusal(ScriptedAgent.Script script, Consumer<AgentApiClient> call)
            throws Exception {
        try (ScriptedAgent agent = new ScriptedAgent(null, script);
                AgentApiClient client = client(agent)) {
            return assertThrows(HostAgentException.class, () -> call.accept(client));
        }
    }

    @Test
    void invokesAndReadsTheResult() throws Exception {
        String result = "{\"invocationId\":\"inv-1\",\"status\":\"success\",\"payload\":\"{\\\"ok\\\":1}\","
                + "\"containersCreated\":true,\"initMillis\":12,\"runMillis\":3,\"logTail\":\"hi\"}";
        try (ScriptedAgent agent =
                        new ScriptedAgent(null, request -> ScriptedAgent.answer(200, "application/json", result));
                AgentApiClient client = client(agent)) {
            InvokeResult invoked = client.invoke("i-1", REQUEST);

            assertEquals(new InvokeResult("inv-1", "success", "{\"ok\":1}", true, 12, 3, "hi"), invoked);
            ScriptedAgent.Request sent = agent.requests().get(0);
            assertEquals("POST /v1/instances/i-1/invocations", sent.method() + " " + sent.path());
            InvokeRequest received = JSONB.fromJson(sent.body(), InvokeRequest.class);
            assertEquals("{\"name\":\"Hearth\"}", received.event(), "the event travels as it was given");
            assertEquals(REQUEST, received, "an agent still on JSON-B reads all of it");
        }
    }

    @Test
    void readsTheAgentAndItsEvents() throws Exception {
        try (ScriptedAgent agent = new ScriptedAgent(
                        null,
                        request -> request.path().startsWith("/v1/events")
                                ? ScriptedAgent.answer(
                                        200,
                                        "application/json",
                                        "[{\"sequence\":7,\"type\":\"instance_died\",\"hostId\":\"local\","
                                                + "\"instanceId\":\"i-1\",\"detail\":\"killed\",\"timeMillis\":5}]")
                                : ScriptedAgent.answer(
                                        200,
                                        "application/json",
                                        "{\"hostId\":\"local\",\"apiVersion\":\"v1\",\"driver\":\"sandbox\","
                                                + "\"instanceCapacity\":16,\"runtimes\":[\"python3\"]}"));
                AgentApiClient client = client(agent)) {
            assertEquals(new AgentInfo("local", "v1", "sandbox", 16, List.of("python3")), client.info());
            assertEquals(
                    List.of(new AgentEvent(7, "instance_died", "local", "i-1", "killed", 5)), client.events(6, 25_000));
            assertEquals(
                    "/v1/events?after=6&waitMillis=25000",
                    agent.requests().get(1).path());
        }
    }

    @Test
    void anIdIsOnePathSegmentWhateverItHolds() throws Exception {
        try (ScriptedAgent agent = new ScriptedAgent(null, request -> ScriptedAgent.answer(204, "text/plain", ""));
                AgentApiClient client = client(agent)) {
            client.destroyInstance("../agent");
            client.uploadCode("ab/../cd", "zip".getBytes(UTF_8));

            assertEquals(
                    List.of("DELETE /v1/instances/..%2Fagent", "PUT /v1/code/ab%2F..%2Fcd"),
                    agent.requests().stream()
                            .map(r -> r.method() + " " + r.path())
                            .toList());
            assertEquals(
                    "application/octet-stream",
                    agent.requests().get(1).headers().get("content-type"));
        }
    }

    @Test
    void aProblemIsReportedWithTheAgentsStatusAndDetail() throws Exception {
        HostAgentException refused = refusal(
                request -> ScriptedAgent.answer(
                        404,
                        PROBLEM,
                        "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                                + "\"detail\":\"no instance i-9 on this host\"}"),
                client -> client.destroyInstance("i-9"));

        assertEquals(404, refused.status());
        assertEquals("no instance i-9 on this host", refused.getMessage());
        assertFalse(refused.unreachable(), "the agent answered: the connection is sound");
    }

    @Test
    void aProblemWithoutDetailIsReportedByItsTitle() throws Exception {
        HostAgentException refused = refusal(
                request -> ScriptedAgent.answer(409, PROBLEM, "{\"title\":\"Instance busy\",\"status\":409}"),
                AgentApiClient::info);

        assertEquals(409, refused.status());
        assertEquals("Instance busy", refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/plain", PROBLEM})
    void anUnreadableErrorIsReportedByItsStatus(String contentType) throws Exception {
        HostAgentException refused = refusal(
                request -> ScriptedAgent.answer(503, contentType, "<html>busy</html>"), AgentApiClient::listInstances);

        assertEquals(503, refused.status());
        assertEquals("host agent answered HTTP 503", refused.getMessage());
    }

    @Test
    void anUnexpectedSuccessStatusIsARefusal() throws Exception {
        HostAgentException refused = refusal(
                request -> ScriptedAgent.answer(200, "application/json", "{}"),
                client -> client.destroyInstance("i-1"));

        assertEquals(200, refused.status(), "a delete is answered 204; anything else is not taken for done");
    }

    @Test
    void anUnreadableAnswerIsAHostAgentException() throws Exception {
        for (Consumer<AgentApiClient> call : List.<Consumer<AgentApiClient>>of(
                AgentApiClient::info,
                AgentApiClient::listInstances,
                client -> client.events(0, 0),
                client -> client.invoke("i-1", REQUEST))) {
            HostAgentException unreadable =
                    refusal(request -> ScriptedAgent.answer(200, "application/json", "[{not json"), call);

            assertEquals(200, unreadable.status());
            assertTrue(unreadable.getMessage().startsWith("host agent sent an unreadable"), unreadable.getMessage());
        }
    }

    /** JSON-B alone never returns on these: Parsson's skipArray and skipObject at the input's end. */
    @Test
    void anAnswerThatEndsInsideAnUnknownPropertyIsUnreadableAtOnce() {
        for (String cut : List.of("{\"future\":[", "{\"future\":{\"a\":[1,", "[{\"future\":{")) {
            for (Consumer<AgentApiClient> call : List.<Consumer<AgentApiClient>>of(
                    AgentApiClient::info,
                    AgentApiClient::listInstances,
                    client -> client.events(0, 0),
                    client -> client.createInstance(new CreateInstanceRequest("alice", "python3", "sandbox", null)))) {
                ScriptedAgent.Script expectedStatus = request ->
                        ScriptedAgent.answer(request.method().equals("POST") ? 201 : 200, "application/json", cut);
                HostAgentException unreadable =
                        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refusal(expectedStatus, call), cut);

                assertTrue(
                        unreadable.getMessage().startsWith("host agent sent an unreadable"), unreadable.getMessage());
            }
            HostAgentException problem = assertTimeoutPreemptively(
                    Duration.ofSeconds(10),
                    () -> refusal(request -> ScriptedAgent.answer(500, PROBLEM, cut), AgentApiClient::info),
                    cut);

            assertEquals("host agent answered HTTP 500", problem.getMessage(), cut);
        }
    }

    @Test
    void aMalformedAnswerMakesTheAgentUnreachable() throws Exception {
        HostAgentException broken = refusal(
                request -> "HTTP/1.1 20x OK\r\nContent-Length: 0\r\n\r\n".getBytes(UTF_8), AgentApiClient::info);

        assertTrue(broken.unreachable(), "the pool replaces the connection: " + broken.getMessage());
    }

    @Test
    void anAgentThatIsNotListeningIsUnreachable() throws Exception {
        URI closed;
        try (ScriptedAgent gone = new ScriptedAgent(null, request -> null)) {
            closed = gone.url("http");
        }
        try (AgentApiClient client = client(closed)) {
            HostAgentException unreachable = assertThrows(HostAgentException.class, client::info);

            assertTrue(unreachable.unreachable());
            assertEquals(0, unreachable.status());
            assertTrue(unreachable.getMessage().startsWith("host agent unreachable"), unreachable.getMessage());
        }
    }
}
