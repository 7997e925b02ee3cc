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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
        for (String name : new String[] {"hello-python", "hello-node", "hello-bash", "short-lived", "churned"}) {
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

    /**
     * Issue 11: a name's next owner saw the deleted function's activations, log tail and caller.
     * Now the records belong to the function, and a delete takes them along.
     */
    @Test
    void aNamesNextOwnerSeesNothingOfTheFunctionItReplaced() {
        for (String user : new String[] {"dev", "dev2"}) {
            int status = delete(user, "/functions/reuse").status();
            assertTrue(status == 204 || status == 404, "deleting reuse as " + user + " answered " + status);
        }
        assertEquals(
                201,
                put("dev", "/functions/reuse", "application/zip", reporter()).status());
        assertEquals(
                201,
                put("dev", "/functions/reuse/grants/user:invoker", "text/plain", new byte[0])
                        .status());
        HearthApi.Answer devs = post("dev", "/functions/reuse/invocations", "application/json", "{}");
        assertEquals(200, devs.status(), devs.body());
        assertEquals("success", devs.json().getString("status"), devs.body());
        assertEquals(204, devs.json().getJsonObject("result").getInt("logged"), devs.body());
        assertEquals(204, devs.json().getJsonObject("result").getInt("measured"), devs.body());
        String devsActivation = devs.json().getString("activationId");
        assertEquals(
                1, array(get("dev", "/activations/" + devsActivation + "/logs")).size(), "dev's log line");
        assertEquals(1, array(get("dev", "/functions/reuse/metrics")).size(), "dev's metric");
        assertEquals(1, array(get("dev", "/functions/reuse/activations")).size());

        assertEquals(204, delete("dev", "/functions/reuse").status());
        HearthApi.Answer taken = put("dev2", "/functions/reuse", "application/zip", Archives.example("hello-python"));
        assertEquals(201, taken.status(), taken.body());

        assertEquals(0, array(get("dev2", "/functions/reuse/activations")).size(), "no activation of dev's");
        assertEquals(0, array(get("dev2", "/functions/reuse/metrics")).size(), "no metric of dev's");
        assertEquals(0, array(get("dev2", "/functions/reuse/grants")).size(), "no grant of dev's");
        assertEquals(404, get("dev2", "/activations/" + devsActivation).status());
        assertEquals(
                404, get("dev2", "/activations/" + devsActivation + "/logs").status());
        assertEquals(
                404,
                post("invoker", "/functions/reuse/invocations", "application/json", "{}")
                        .status(),
                "dev's grant lapsed with dev's function");
        assertEquals(404, get("dev", "/activations/" + devsActivation).status(), "deleted with the function");

        HearthApi.Answer dev2s = post("dev2", "/functions/reuse/invocations", "application/json", "{}");
        assertEquals(200, dev2s.status(), dev2s.body());
        JsonArray listed = array(get("dev2", "/functions/reuse/activations"));
        assertEquals(1, listed.size(), listed.toString());
        assertEquals("dev2", listed.getJsonObject(0).getString("caller"));
        assertEquals(
                dev2s.json().getString("activationId"), listed.getJsonObject(0).getString("id"));
        assertEquals(204, delete("dev2", "/functions/reuse").status());
    }

    /** A trusted portion that attaches a log line and a metric to its activation. */
    private static byte[] reporter() {
        return Archives.zipOfText(
                Map.of(
                        "hearth.json",
                        "{\"runtime\": \"python3\", \"portions\": [{\"name\": \"main\", \"handler\": \"app.handler\","
                                + " \"trustLevel\": \"trusted\"}],"
                                + " \"policy\": {\"credentialScopes\": [\"logs:write\", \"metrics:write\"]}}",
                        "app.py",
                        """
                import json, os, urllib.request
                def post(path, body):
                    request = urllib.request.Request(os.environ["HEARTH_AUX_URL"] + path,
                        data=json.dumps(body).encode(), method="POST",
                        headers={"Authorization": "Bearer " + os.environ["HEARTH_CREDENTIAL"],
                                 "Content-Type": "application/json"})
                    with urllib.request.urlopen(request, timeout=5) as response:
                        return response.status
                def handler(event, context):
                    base = "/invocations/" + context.aws_request_id
                    print("reuse: the first owner's secret log tail")
                    return {"logged": post(base + "/logs", {"lines": [{"level": "info", "message": "mine"}]}),
                            "measured": post(base + "/metrics", {"metrics": [{"name": "m", "value": 1, "unit": "n"}]})}
                """));
    }

    private static JsonArray array(HearthApi.Answer answer) {
        assertEquals(200, answer.status(), answer.body());
        return (JsonArray) HearthApi.parse(answer.body());
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

    /**
     * The finding: uploading other bytes again and again kept every package for good. A package
     * goes with the last function that names it; one that another user's function names stays.
     */
    @Test
    void replacedAndDeletedCodeLeavesNoCodePackageButASharedOneStays() throws Exception {
        assertTrue(List.of(204, 404)
                .contains(delete("dev2", "/functions/churned-too").status()));
        byte[] first = uniqueHelloPython();
        HearthApi.Answer created = put("dev", "/functions/churned", "application/zip", first);
        assertEquals(201, created.status(), created.body());
        String firstSha = created.json().getString("codeSha256");
        HearthApi.Answer shared = put("dev2", "/functions/churned-too", "application/zip", first);
        assertEquals(201, shared.status(), shared.body());

        HearthApi.Answer replaced = put("dev", "/functions/churned", "application/zip", uniqueHelloPython());
        assertEquals(200, replaced.status(), replaced.body());
        String secondSha = replaced.json().getString("codeSha256");
        assertEquals(List.of(firstSha, secondSha).stream().sorted().toList(), storedPackages(firstSha, secondSha));

        assertEquals(204, delete("dev2", "/functions/churned-too").status());
        assertEquals(List.of(secondSha), storedPackages(firstSha, secondSha), "dev2's was the last to name the first");
        assertEquals(204, delete("dev", "/functions/churned").status());
        assertEquals(List.of(), storedPackages(firstSha, secondSha));
    }

    /** hello-python with a comment of its own: bytes no other function of the run has. */
    private static byte[] uniqueHelloPython() throws IOException {
        Path example = Archives.EXAMPLES.resolve("hello-python");
        return Archives.zipOfText(Map.of(
                "hearth.json",
                Files.readString(example.resolve("hearth.json")),
                "app.py",
                Files.readString(example.resolve("app.py")) + "\n# " + UUID.randomUUID() + "\n"));
    }

    /** Which of these code packages the database holds, by SHA-256. */
    private static List<String> storedPackages(String... sha256s) throws Exception {
        return ItDatabase.column("SELECT sha256 FROM hearth_code_package WHERE sha256 IN ("
                + ItDatabase.quoted(List.of(sha256s)) + ") ORDER BY sha256");
    }
}
