package dev.hearth.it;

import static dev.hearth.it.HearthApi.delete;
import static dev.hearth.it.HearthApi.get;
import static dev.hearth.it.HearthApi.post;
import static dev.hearth.it.HearthApi.put;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A function's secrets through the real API and a real host agent: set, read by the trusted
 * portion that names it, out of the untrusted entry's reach, rotated, never shown back, deleted.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecretsIT {

    /** Every secret value of this test starts so; the untrusted entry looks for it everywhere it can. */
    private static final String PREFIX = "hearth-it-secret-";

    private static final String MANIFEST =
            """
            {"runtime": "python3", "entryPortion": "front",
             "portions": [
               {"name": "front", "path": "front", "handler": "app.handler", "trustLevel": "untrusted"},
               {"name": "vault", "path": "vault", "handler": "app.handler", "trustLevel": "trusted",
                "secrets": ["api_key"]}]}
            """;

    /**
     * The untrusted entry: what the vault says, and every file or variable it finds holding a secret
     * (the prefix is written in two pieces, so that its own code does not hold it).
     */
    private static final String FRONT =
            """
            import os

            NEEDLE = "hearth-it-" "secret-"

            def holds(path):
                try:
                    with open(path, "rb") as f:
                        return NEEDLE.encode() in f.read(1 << 20)
                except OSError:
                    return False

            def handler(event, context):
                vault = context.invoke_portion("vault", {})
                found = [os.path.join(d, n) for top in ("/run", "/tmp", "/var", "/opt", "/etc")
                         for d, _, names in os.walk(top) for n in names if holds(os.path.join(d, n))]
                found += [k for k, v in os.environ.items() if NEEDLE in v]
                return {"vault": vault, "found": found, "secretsFolder": os.path.exists("/run/hearth/secrets")}
            """;

    /** The trusted portion: the SHA-256 of its secret (never the value: results are stored), or null. */
    private static final String VAULT =
            """
            import hashlib, os

            def handler(event, context):
                try:
                    with open(os.path.join(os.environ["HEARTH_SECRETS_DIR"], "api_key"), "rb") as f:
                        return {"sha256": hashlib.sha256(f.read()).hexdigest()}
                except FileNotFoundError:
                    return {"sha256": None}
            """;

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @Test
    void aTrustedPortionReadsItsSecretTheUntrustedEntryCannotAndTheApiNeverShowsIt() throws Exception {
        HearthApi.Answer uploaded = put(
                "dev",
                "/functions/secret-split",
                "application/zip",
                Archives.zipOfText(Map.of("hearth.json", MANIFEST, "front/app.py", FRONT, "vault/app.py", VAULT)));
        assertTrue(uploaded.status() == 201 || uploaded.status() == 200, uploaded.body());
        String first = PREFIX + UUID.randomUUID();

        HearthApi.Answer set = setSecret("api_key", first);
        assertEquals(201, set.status(), set.body());
        assertEquals(1, set.json().getInt("version"));
        JsonObject invoked = invoke();

        assertEquals(sha256(first), invoked.getJsonObject("vault").getString("sha256"), "the vault reads it");
        assertEquals(0, invoked.getJsonArray("found").size(), "the entry finds it nowhere: " + invoked);
        assertEquals(JsonValue.FALSE, invoked.get("secretsFolder"), "the entry has no secrets at all");

        String second = PREFIX + UUID.randomUUID();
        HearthApi.Answer rotated = setSecret("api_key", second);
        assertEquals(200, rotated.status(), rotated.body());
        assertEquals(2, rotated.json().getInt("version"));
        JsonObject afterRotation = invoke();
        assertEquals(
                sha256(second), afterRotation.getJsonObject("vault").getString("sha256"), "a rotation counts at once");

        HearthApi.Answer function = get("dev", "/functions/secret-split");
        HearthApi.Answer listed = get("dev", "/functions/secret-split/secrets");
        assertEquals(200, listed.status(), listed.body());
        JsonArray secrets = (JsonArray) HearthApi.parse(listed.body());
        assertEquals(1, secrets.size(), listed.body());
        assertEquals("api_key", secrets.getJsonObject(0).getString("name"));
        assertEquals(2, secrets.getJsonObject(0).getInt("version"));
        assertTrue(function.body().contains("api_key"), "the function shows which secrets a portion names");
        for (String shown : new String[] {function.body(), listed.body()}) {
            assertFalse(shown.contains(PREFIX), "no value is ever shown: " + shown);
        }

        assertEquals(404, get("dev2", "/functions/secret-split/secrets").status(), "another developer sees none");
        assertEquals(403, get("invoker", "/functions/secret-split/secrets").status());

        assertEquals(
                204, delete("dev", "/functions/secret-split/secrets/api_key").status());
        assertEquals("[]", get("dev", "/functions/secret-split/secrets").body().strip());
        assertEquals(JsonValue.NULL, invoke().getJsonObject("vault").get("sha256"), "a deleted secret is gone");
        HearthApi.Answer again = delete("dev", "/functions/secret-split/secrets/api_key");
        assertEquals(404, again.status(), again.body());
        assertTrue(again.body().contains("secret-not-found"), again.body());
    }

    @Test
    void deletingTheFunctionDeletesItsSecrets() throws Exception {
        byte[] code = Archives.zipOfText(Map.of("hearth.json", MANIFEST, "front/app.py", FRONT, "vault/app.py", VAULT));
        HearthApi.Answer uploaded = put("dev", "/functions/secret-split", "application/zip", code);
        assertTrue(uploaded.status() == 201 || uploaded.status() == 200, uploaded.body());
        assertEquals(201, setSecret("api_key", PREFIX + UUID.randomUUID()).status());

        assertEquals(204, delete("dev", "/functions/secret-split").status());
        HearthApi.Answer again = put("dev", "/functions/secret-split", "application/zip", code);
        assertEquals(201, again.status(), again.body());

        assertEquals("[]", get("dev", "/functions/secret-split/secrets").body().strip(), "the name starts anew");
        assertEquals(JsonValue.NULL, invoke().getJsonObject("vault").get("sha256"), "the vault finds none");
    }

    @Test
    void anUntrustedPortionNamingASecretIsRefusedAtUpload() {
        String manifest =
                """
                {"runtime": "python3",
                 "portions": [{"name": "front", "path": "front", "handler": "app.handler", "trustLevel": "untrusted",
                               "secrets": ["api_key"]}]}
                """;

        HearthApi.Answer refused = put(
                "dev",
                "/functions/greedy-front",
                "application/zip",
                Archives.zipOfText(Map.of("hearth.json", manifest, "front/app.py", FRONT)));

        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("portion 'front' is not trusted"), refused.body());
    }

    @Test
    void aSecretNameThatIsNoFileNameIsRefused() {
        put(
                "dev",
                "/functions/secret-split",
                "application/zip",
                Archives.zipOfText(Map.of("hearth.json", MANIFEST, "front/app.py", FRONT, "vault/app.py", VAULT)));

        HearthApi.Answer refused = setSecret("api.key", "x");

        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("invalid-secret"), refused.body());
    }

    private static HearthApi.Answer setSecret(String name, String value) {
        return put(
                "dev",
                "/functions/secret-split/secrets/" + name,
                "application/json",
                ("{\"value\": \"" + value + "\"}").getBytes(UTF_8));
    }

    /** Invokes the function; checks that neither the answer nor its activation holds a secret value. */
    private static JsonObject invoke() {
        HearthApi.Answer invoked = post("dev", "/functions/secret-split/invocations", "application/json", "{}");
        assertEquals(200, invoked.status(), invoked.body());
        assertEquals("success", invoked.json().getString("status"), invoked.body());
        HearthApi.Answer activation =
                get("dev", "/activations/" + invoked.json().getString("activationId"));
        assertFalse(activation.body().contains(PREFIX), activation.body());
        return invoked.json().getJsonObject("result");
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(UTF_8)));
    }
}
