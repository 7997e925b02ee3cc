package dev.hearth.it;

import static dev.hearth.it.HearthApi.delete;
import static dev.hearth.it.HearthApi.get;
import static dev.hearth.it.HearthApi.post;
import static dev.hearth.it.HearthApi.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's walk-through: a developer uploads a function, invokes it, reads its activations. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FunctionLifecycleIT {

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    /** Each test starts from functions that do not exist yet, whatever an earlier run left. */
    @BeforeEach
    void noFunctionsOfThisTestYet() {
        for (String name : new String[] {"hello-python", "hello-node", "hello-bash", "short-lived"}) {
            int status = delete("dev", "/functions/" + name).status();
            assertTrue(status == 204 || status == 404, "deleting " + name + " answered " + status);
        }
    }

    @Test
    void developerUploadsInvokesColdThenWarmAndReadsActivations() {
        HearthApi.Answer uploaded =
                put("dev", "/functions/hello-python", "application/zip", Archives.example("hello-python"));
        assertEquals(201, uploaded.status(), uploaded.body());
        assertEquals("dev", uploaded.json().getString("owner"));
        assertEquals("python3", uploaded.json().getString("runtime"));

        HearthApi.Answer first =
                post("dev", "/functions/hello-python/invocations", "application/json", "{\"name\":\"Hearth\"}");
        assertEquals(200, first.status(), first.body());
        JsonObject firstEnvelope = first.json();
        assertEquals("success", firstEnvelope.getString("status"), first.body());
        assertEquals("Hello, Hearth!", firstEnvelope.getJsonObject("result").getString("message"));
        assertEquals("cold", firstEnvelope.getString("startKind"));
        String activationId = firstEnvelope.getString("activationId");
        assertEquals(activationId, first.header("Hearth-Activation-Id"));

        HearthApi.Answer second = post("dev", "/functions/hello-python/invocations", "application/json", "{}");
        assertEquals(200, second.status(), second.body());
        assertEquals("warm", second.json().getString("startKind"));
        assertEquals("Hello, world!", second.json().getJsonObject("result").getString("message"));

        HearthApi.Answer activation = get("dev", "/activations/" + activationId);
        assertEquals(200, activation.status(), activation.body());
        JsonObject record = activation.json();
        assertEquals("hello-python", record.getString("functionName"));
        assertEquals("dev", record.getString("caller"));
        assertEquals("cold", record.getString("startKind"));
        assertEquals("success", record.getString("status"));
        assertNotNull(record.getString("instanceId"));
        assertTrue(record.getString("logTail").contains("Hearth"), record.toString());

        HearthApi.Answer listed = get("dev", "/functions/hello-python/activations");
        assertEquals(200, listed.status(), listed.body());
        JsonArray activations = (JsonArray) HearthApi.parse(listed.body());
        assertEquals(2, activations.size());
        assertEquals("warm", activations.getJsonObject(0).getString("startKind"), "newest first");
        assertEquals(activationId, activations.getJsonObject(1).getString("id"));
    }

    @Test
    void nodeAndBashRuntimesRunTheirExamples() {
        for (String example : new String[] {"hello-node", "hello-bash"}) {
            HearthApi.Answer uploaded =
                    put("dev", "/functions/" + example, "application/zip", Archives.example(example));
            assertEquals(201, uploaded.status(), uploaded.body());
            HearthApi.Answer invoked =
                    post("dev", "/functions/" + example + "/invocations", "application/json", "{\"name\":\"Hearth\"}");
            assertEquals(200, invoked.status(), invoked.body());
            assertEquals("success", invoked.json().getString("status"), invoked.body());
            assertEquals(
                    "Hello, Hearth!", invoked.json().getJsonObject("result").getString("message"), example);
        }
    }

    @Test
    void replacingAndDeletingAFunction() {
        assertEquals(
                201,
                put("dev", "/functions/short-lived", "application/zip", Archives.example("hello-python"))
                        .status());
        HearthApi.Answer replaced =
                put("dev", "/functions/short-lived", "application/zip", Archives.example("hello-python"));
        assertEquals(200, replaced.status(), "a second upload replaces the code: " + replaced.body());

        JsonArray mine = (JsonArray) HearthApi.parse(get("dev", "/functions").body());
        assertTrue(
                mine.stream().anyMatch(f -> f.asJsonObject().getString("name").equals("short-lived")));

        assertEquals(204, delete("dev", "/functions/short-lived").status());
        assertEquals(404, get("dev", "/functions/short-lived").status());
        assertEquals(
                404,
                post("dev", "/functions/short-lived/invocations", "application/json", "{}")
                        .status());
    }
}
