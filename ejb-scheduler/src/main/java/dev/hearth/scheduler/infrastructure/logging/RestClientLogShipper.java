package dev.hearth.scheduler.infrastructure.logging;

import dev.hearth.domain.function.LogDestination;
import dev.hearth.scheduler.application.ActivationView;
import dev.hearth.scheduler.application.AuxiliaryService.LogLineView;
import dev.hearth.scheduler.application.LogShipper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Posts {@code {"activation": {...}, "lines": [...]}} to the endpoint, with its {@code
 * Authorization} header when one was given; any 2xx answer counts as delivered.
 */
@ApplicationScoped
public class RestClientLogShipper implements LogShipper {

    private final Client client = ClientBuilder.newBuilder()
            .connectTimeout(2, TimeUnit.SECONDS)
            .readTimeout(5, TimeUnit.SECONDS)
            .build();

    @Override
    public void ship(LogDestination destination, ActivationView activation, List<LogLineView> lines) {
        Invocation.Builder request = client.target(destination.endpoint()).request();
        if (destination.authorization() != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, destination.authorization());
        }
        try (Response response = request.post(Entity.entity(document(activation, lines), MediaType.APPLICATION_JSON))) {
            if (response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
                throw new LogShippingException("the endpoint answered " + response.getStatus());
            }
        } catch (ProcessingException e) {
            throw new LogShippingException(
                    "the endpoint could not be reached (" + e.getClass().getSimpleName() + ")");
        }
    }

    static JsonObject document(ActivationView activation, List<LogLineView> lines) {
        JsonArrayBuilder structured = Json.createArrayBuilder();
        lines.forEach(line -> structured.add(Json.createObjectBuilder()
                .add("recordedAt", line.recordedAt())
                .add("level", line.level())
                .add("message", line.message())
                .add("fields", line.fieldsJson() == null ? "" : line.fieldsJson())));
        return Json.createObjectBuilder()
                .add(
                        "activation",
                        Json.createObjectBuilder()
                                .add("id", activation.id())
                                .add("functionName", activation.functionName())
                                .add("caller", activation.caller())
                                .add("status", activation.status())
                                .add("startKind", activation.startKind())
                                .add("startedAt", activation.startedAt().toString())
                                .add("durationMillis", activation.durationMillis())
                                .add("logTail", activation.logTail() == null ? "" : activation.logTail()))
                .add("lines", structured)
                .build();
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
