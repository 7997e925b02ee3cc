package dev.hearth.it;

import static dev.hearth.it.HearthApi.get;
import static dev.hearth.it.HearthApi.post;
import static dev.hearth.it.HearthApi.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import java.net.http.HttpRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Keycloak tokens decide who may do what: 401 without a valid token, 403 without the role. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessControlIT {

    private static final String FUNCTION = "/functions/dev-private";

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @BeforeAll
    static void devOwnsAFunction() {
        int status = put("dev", FUNCTION, "application/zip", Archives.example("hello-python"))
                .status();
        assertTrue(status == 201 || status == 200, "upload answered " + status);
    }

    @Test
    void withoutTokenTheApiAnswers401AsProblemJson() {
        HearthApi.Answer answer = get(null, "/functions");
        assertEquals(401, answer.status());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertEquals(401, answer.json().getInt("status"));
    }

    @Test
    void tamperedOrForeignTokensAreRefused() {
        String token = HearthApi.token("dev");
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertEquals(401, bearer(tampered).status(), "a token with a broken signature");
        assertEquals(401, bearer("not-a-jwt").status(), "garbage");
    }

    @Test
    void anInvokerMayNotUploadOrList() {
        assertEquals(
                403,
                put("invoker", "/functions/not-mine", "application/zip", Archives.example("hello-python"))
                        .status());
        assertEquals(403, get("invoker", "/functions").status());
        assertEquals(404, get("admin", "/functions/not-mine").status(), "nothing was stored");
    }

    @Test
    void aDeveloperSeesOnlyOwnFunctionsAndActivations() {
        String activationId = post("dev", FUNCTION + "/invocations", "application/json", "{}")
                .json()
                .getString("activationId");

        JsonArray others = (JsonArray) HearthApi.parse(get("dev2", "/functions").body());
        assertFalse(others.stream()
                .anyMatch(f -> f.asJsonObject().getString("owner").equals("dev")));
        assertEquals(404, get("dev2", FUNCTION).status());
        assertEquals(
                404,
                post("dev2", FUNCTION + "/invocations", "application/json", "{}")
                        .status());
        assertEquals(404, get("dev2", "/activations/" + activationId).status());
        assertEquals(404, get("dev2", FUNCTION + "/activations").status());
        assertEquals(
                403,
                put("dev2", FUNCTION, "application/zip", Archives.example("hello-python"))
                        .status(),
                "another developer cannot take over the name");
    }

    @Test
    void anAdminSeesEveryFunction() {
        JsonArray all = (JsonArray) HearthApi.parse(get("admin", "/functions").body());
        assertTrue(all.stream().anyMatch(f -> f.asJsonObject().getString("name").equals("dev-private")));
        assertEquals(200, get("admin", FUNCTION).status());
    }

    private static HearthApi.Answer bearer(String token) {
        return HearthApi.send(HttpRequest.newBuilder(java.net.URI.create(HearthApi.API + "/functions"))
                .header("Authorization", "Bearer " + token)
                .GET());
    }
}
