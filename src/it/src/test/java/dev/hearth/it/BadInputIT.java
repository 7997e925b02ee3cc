package dev.hearth.it;

import static dev.hearth.it.HearthApi.get;
import static dev.hearth.it.HearthApi.post;
import static dev.hearth.it.HearthApi.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every bad upload, event or JSON body gets a 400 problem naming what is wrong, and nothing is
 * stored.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadInputIT {

    @Deployment(testable = false)
    static EnterpriseArchive hearth() {
        return HearthDeployment.ear();
    }

    @Test
    void pathsLeavingTheArchiveAreRefused() {
        byte[] zipSlip = Archives.zipOfText(
                Map.of("hearth.json", Archives.MANIFEST, "../../etc/cron.d/evil", "* * * * * root id"));
        assertRefused("zip-slip", zipSlip, "application/zip", "..");
    }

    @Test
    void linksOutOfTheArchiveAreRefused() {
        assertRefused("link-out", Archives.tarGzWithLinkOut(Archives.MANIFEST), "application/gzip", "link");
    }

    @Test
    void zipBombsAreRefused() {
        assertRefused("zip-bomb", Archives.zipBomb(Archives.MANIFEST, 200), "application/zip", "");
    }

    @Test
    void aMissingManifestIsRefused() {
        assertRefused(
                "no-manifest",
                Archives.zipOfText(Map.of("app.py", "def handler(e, c): return e")),
                "application/zip",
                "hearth.json");
    }

    @Test
    void anUnknownRuntimeIsRefused() {
        String manifest = Archives.MANIFEST.replace("python3", "cobol");
        byte[] archive = Archives.zipOfText(Map.of("hearth.json", manifest, "app.py", "def handler(e, c): return e"));
        assertRefused("unknown-runtime", archive, "application/zip", "cobol");
    }

    @Test
    void somethingThatIsNoArchiveIsRefused() {
        assertRefused("not-an-archive", "just text".getBytes(), "application/zip", "");
    }

    @Test
    void aManifestNestedDeeplyIsRefused() {
        String levels100k = "[".repeat(100_000) + "]".repeat(100_000);
        String levels10k = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        assertRefused(
                "deep-manifest",
                manifestZip(levels100k),
                "application/zip",
                "entry 'hearth.json' is 195.3 KiB, over the limit of 64 KiB");
        assertRefused("deeper-manifest", manifestZip(levels10k), "application/zip", "nested deeper than 32 levels");
    }

    @Test
    void entryNamesWithControlOrBidiCharactersAreRefused() {
        String app = "def handler(e, c): return e";
        assertRefused(
                "nul-name",
                Archives.zipOfText(Map.of("hearth.json", Archives.MANIFEST, "app.py", app, "a\u0000b.py", "x")),
                "application/zip",
                "entry 'a\\u0000b.py' has a control character");
        assertRefused(
                "bidi-name",
                Archives.zipOfText(
                        Map.of("hearth.json", Archives.MANIFEST, "app.py", app, "invoice\u202Egpj.exe", "x")),
                "application/zip",
                "entry 'invoice\\u202Egpj.exe' has a bidirectional control character");
        assertRefused(
                "latin1-name",
                Archives.zipWithLatin1Names(
                        Map.of("hearth.json", Archives.MANIFEST, "app.py", app, "caf\u00FF.py", "x")),
                "application/zip",
                "entry 'caf\\uFFFD.py' has bytes that are not UTF-8");
    }

    @Test
    void manifestsThatOnceAnswered500AreRefused() {
        assertRefused(
                "twice-runtime",
                manifestZip(Archives.MANIFEST.replace(
                        "{\"runtime\": \"python3\",", "{\"runtime\": \"python3\", \"runtime\": \"nodejs\",")),
                "application/zip",
                "key \"runtime\" twice");
        assertRefused(
                "long-number",
                manifestZip(Archives.MANIFEST.replace(
                        "\"main\",\n", "\"main\", \"policy\": {\"memoryMb\": " + "9".repeat(2000) + "},\n")),
                "application/zip",
                "number longer than 100 characters");
        assertRefused(
                "huge-memory",
                manifestZip(Archives.MANIFEST.replace(
                        "\"main\",\n", "\"main\", \"policy\": {\"memoryMb\": " + "9".repeat(60) + "},\n")),
                "application/zip",
                "policy.memoryMb must be a whole number");
        assertRefused(
                "nul-in-environment",
                manifestZip(Archives.MANIFEST.replace(
                        "\"main\",\n", "\"main\", \"policy\": {\"environment\": {\"A\": \"x\\u0000y\"}},\n")),
                "application/zip",
                "policy.environment.A holds a NUL character");
        assertRefused(
                "long-environment",
                manifestZip(Archives.MANIFEST.replace(
                        "\"main\",\n",
                        "\"main\", \"policy\": {\"environment\": {\"A\": \"" + "x".repeat(5000) + "\"}},\n")),
                "application/zip",
                "policy.environment.A is longer than 4096 characters");
        assertRefused(
                "latin1-manifest",
                Archives.zip(
                        Map.of(
                                "hearth.json",
                                Archives.MANIFEST.replace("main", "m\u00E4in").getBytes(StandardCharsets.ISO_8859_1)),
                        List.of()),
                "application/zip",
                "hearth.json is not UTF-8 text");
        assertRefused("a-number", manifestZip("42"), "application/zip", "hearth.json must be a JSON object");
    }

    @Test
    void anEmptyZipIsRefused() {
        byte[] emptyZip = {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertRefused("empty-zip", emptyZip, "application/zip", "archive contains no files");
    }

    @Test
    void aRefusedReplacementKeepsTheEarlierVersion() {
        HearthApi.Answer uploaded = put("dev", "/functions/kept", "application/zip", Archives.example("hello-python"));
        assertEquals(201, uploaded.status(), uploaded.body());
        String code = uploaded.json().getString("codeSha256");

        HearthApi.Answer refused = put(
                "dev",
                "/functions/kept",
                "application/zip",
                Archives.zipOfText(Map.of("hearth.json", Archives.MANIFEST, "app.py", "", "run\u202Eyp.sh", "")));

        assertProblem(refused, 400, "entry 'run\\u202Eyp.sh'");
        assertEquals(code, get("dev", "/functions/kept").json().getString("codeSha256"), "the old code stays");
    }

    private static byte[] manifestZip(String manifest) {
        return Archives.zipOfText(Map.of("hearth.json", manifest, "app.py", "def handler(e, c): return e"));
    }

    @Test
    void aNonJsonEventIsRefusedAndTheFunctionKeepsItsCode() {
        HearthApi.Answer uploaded =
                put("dev", "/functions/events", "application/zip", Archives.example("hello-python"));
        assertEquals(201, uploaded.status(), uploaded.body());
        String code = uploaded.json().getString("codeSha256");

        HearthApi.Answer answer = post("dev", "/functions/events/invocations", "application/json", "{not json");
        assertProblem(answer, 400, "json");

        HearthApi.Answer badReplacement = put(
                "dev",
                "/functions/events",
                "application/zip",
                Archives.zipOfText(Map.of("hearth.json", Archives.MANIFEST.replace("python3", "cobol"), "app.py", "")));
        assertProblem(badReplacement, 400, "cobol");
        assertEquals(code, get("dev", "/functions/events").json().getString("codeSha256"), "the old code stays");
        assertEquals(
                0,
                HearthApi.parse(get("dev", "/functions/events/activations").body())
                        .asJsonArray()
                        .size(),
                "a refused event makes no activation");
    }

    /** JSON-B alone never returns on these bodies and would pin a Payara thread (parsson#23). */
    @Test
    void aJsonBodyCutInsideAnUnknownPropertyIsRefusedAtOnce() {
        HearthApi.Answer uploaded =
                put("dev", "/functions/cut-json", "application/zip", Archives.example("hello-python"));
        assertEquals(201, uploaded.status(), uploaded.body());
        String settings = get("admin", "/admin/settings").body();
        String asyncSettings = get("dev", "/functions/cut-json/async-settings").body();

        for (String cut : List.of("{\"unknown\":[", "{\"unknown\":{\"a\":[1,", "{\"maxRetries\":1,}")) {
            byte[] body = cut.getBytes(StandardCharsets.UTF_8);
            assertProblem(
                    put("admin", "/admin/settings", "application/json", body), 400, "the request body is not JSON");
            assertProblem(
                    put("dev", "/functions/cut-json/async-settings", "application/json", body),
                    400,
                    "the request body is not JSON");
        }
        assertEquals(settings, get("admin", "/admin/settings").body(), "the settings stay");
        assertEquals(
                asyncSettings, get("dev", "/functions/cut-json/async-settings").body(), "so do the function's");
    }

    private static void assertRefused(String name, byte[] archive, String contentType, String named) {
        HearthApi.Answer answer = put("dev", "/functions/" + name, contentType, archive);
        assertProblem(answer, 400, named);
        assertEquals(404, get("dev", "/functions/" + name).status(), "nothing is stored for " + name);
    }

    private static void assertProblem(HearthApi.Answer answer, int status, String named) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        JsonObject problem = answer.json();
        assertEquals(status, problem.getInt("status"));
        String detail =
                problem.getString("detail", "") + " " + problem.getOrDefault("errors", jakarta.json.JsonValue.NULL);
        assertTrue(
                detail.toLowerCase(Locale.ROOT).contains(named.toLowerCase(Locale.ROOT)),
                "problem names '" + named + "': " + detail);
    }
}
