package dev.hearth.hypervisor.adapter.transport;

import dev.hearth.hypervisor.api.HostAgentException;
import dev.hearth.protocol.wire.AgentEvent;
import dev.hearth.protocol.wire.AgentInfo;
import dev.hearth.protocol.wire.CreateInstanceRequest;
import dev.hearth.protocol.wire.InstanceView;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import dev.hearth.protocol.wire.Problem;
import dev.hearth.protocol.wire.json.InvokeJson;
import dev.hearth.protocol.wire.json.WholeJson;
import jakarta.json.JsonException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The host agent's API, version 1, as typed calls over one {@link AgentHttpChannel}. The
 * invocation, the warm path's one call, goes through {@link InvokeJson}; the others through JSON-B,
 * each answer checked by {@link WholeJson} first, so that a broken or hostile agent's answer cut
 * inside a property JSON-B skips cannot hang the calling thread.
 */
public final class AgentApiClient implements AutoCloseable {

    private static final String JSON = "application/json";
    private static final Type EVENT_LIST =
            new ArrayList<AgentEvent>() {}.getClass().getGenericSuperclass();
    private static final Type INSTANCE_LIST =
            new ArrayList<InstanceView>() {}.getClass().getGenericSuperclass();

    private final AgentHttpChannel channel;
    private final Jsonb jsonb;

    public AgentApiClient(AgentHttpChannel channel, Jsonb jsonb) {
        this.channel = channel;
        this.jsonb = jsonb;
    }

    public AgentInfo info() {
        return read(send("GET", "/v1/agent", null, null, 200), AgentInfo.class);
    }

    public InstanceView createInstance(CreateInstanceRequest request) {
        return read(send("POST", "/v1/instances", JSON, json(request), 201), InstanceView.class);
    }

    public List<InstanceView> listInstances() {
        return read(send("GET", "/v1/instances", null, null, 200), INSTANCE_LIST, "instance list");
    }

    public void destroyInstance(String instanceId) {
        send("DELETE", "/v1/instances/" + segment(instanceId), null, null, 204);
    }

    public void uploadCode(String sha256, byte[] archive) {
        send("PUT", "/v1/code/" + segment(sha256), "application/octet-stream", archive, 204);
    }

    public InvokeResult invoke(String instanceId, InvokeRequest request) {
        AgentHttpChannel.Response response = send(
                "POST", "/v1/instances/" + segment(instanceId) + "/invocations", JSON, InvokeJson.write(request), 200);
        try {
            return InvokeJson.readResult(response.body());
        } catch (JsonException e) {
            throw unreadable(response, "InvokeResult");
        }
    }

    /** The events after {@code sequence}, waiting up to {@code waitMillis} for the first. */
    public List<AgentEvent> events(long after, long waitMillis) {
        String path = "/v1/events?after=" + after + "&waitMillis=" + waitMillis;
        return read(send("GET", path, null, null, 200), EVENT_LIST, "event list");
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        channel.close();
    }

    private AgentHttpChannel.Response send(String method, String path, String contentType, byte[] body, int expected) {
        return expect(exchange(method, path, contentType, body), expected);
    }

    private AgentHttpChannel.Response exchange(String method, String path, String contentType, byte[] body) {
        try {
            return channel.exchange(method, path, contentType, body);
        } catch (IOException e) {
            throw new HostAgentException("host agent unreachable: " + e.getMessage(), e);
        }
    }

    private AgentHttpChannel.Response expect(AgentHttpChannel.Response response, int expected) {
        if (response.status() == expected) {
            return response;
        }
        throw new HostAgentException(response.status(), describe(response));
    }

    private String describe(AgentHttpChannel.Response response) {
        if (response.contentType().startsWith("application/problem+json")) {
            try {
                Problem problem = jsonb.fromJson(WholeJson.check(response.text()), Problem.class);
                return problem.detail() != null ? problem.detail() : problem.title();
            } catch (JsonbException | JsonException e) {
                // fall through to the raw status
            }
        }
        return "host agent answered HTTP " + response.status();
    }

    private byte[] json(Object value) {
        return jsonb.toJson(value).getBytes(StandardCharsets.UTF_8);
    }

    private <T> T read(AgentHttpChannel.Response response, Class<T> type) {
        return read(response, type, type.getSimpleName());
    }

    private <T> T read(AgentHttpChannel.Response response, Type type, String what) {
        try {
            return jsonb.fromJson(WholeJson.check(response.text()), type);
        } catch (JsonbException | JsonException e) {
            throw unreadable(response, what);
        }
    }

    private static HostAgentException unreadable(AgentHttpChannel.Response response, String what) {
        return new HostAgentException(response.status(), "host agent sent an unreadable " + what);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
