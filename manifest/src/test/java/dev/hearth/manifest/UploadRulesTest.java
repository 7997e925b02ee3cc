package dev.hearth.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.hearth.domain.function.Runtime;
import dev.hearth.domain.network.DestinationGuard;
import dev.hearth.domain.network.NetworkPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** An upload judged whole: archive, then the manifest's shape, then its meaning, each refusal in lines. */
class UploadRulesTest {

    private static final DestinationGuard GUARD = new DestinationGuard(NetworkPolicy.NONE);
    private static final String MANIFEST =
            "{\"runtime\": \"python3\", \"portions\": [{\"name\": \"main\", \"path\": \".\","
                    + " \"handler\": \"app.handler\"}]}";

    @Test
    void aFunctionWhoseHandlerIsThereIsAccepted() throws IOException {
        UploadVerdict verdict = UploadRules.judge("hello", zip(Map.of("hearth.json", MANIFEST, "app.py", "")), GUARD);

        UploadVerdict.Accepted accepted = assertInstanceOf(UploadVerdict.Accepted.class, verdict);
        assertEquals(Runtime.PYTHON3, accepted.manifest().runtime());
        assertEquals(java.util.Set.of("hearth.json", "app.py"), accepted.code().files());
    }

    @Test
    void eachStepRefusesInLinesOfItsOwn() throws IOException {
        assertEquals(
                List.of("portion 'main': handler module not found (looked for 'app.py')"),
                problems(UploadRules.judge("hello", zip(Map.of("hearth.json", MANIFEST)), GUARD)));
        assertEquals(
                List.of("the archive has no hearth.json at its root"),
                problems(UploadRules.judge("hello", zip(Map.of("app.py", "")), GUARD)));
        assertEquals(
                List.of(
                        "unknown field nme (expected entryPortion, policy, portions, runtime, sharedPath)",
                        "runtime must be a string"),
                problems(
                        UploadRules.judge("hello", zip(Map.of("hearth.json", "{\"runtime\": 3, \"nme\": 1}")), GUARD)));
        assertEquals(
                1,
                problems(UploadRules.judge("hello", "not an archive".getBytes(StandardCharsets.UTF_8), GUARD))
                        .size());
        assertEquals(
                List.of("function name 'Bad_Name' must match [a-z0-9][a-z0-9-]{0,62} (lower-case letters, digits and"
                        + " dashes, at most 63)"),
                problems(UploadRules.judge("Bad_Name", zip(Map.of("hearth.json", MANIFEST, "app.py", "")), GUARD)));
    }

    @Test
    void aManifestOverItsLimitIsRefusedBeforeItIsRead() throws IOException {
        String large = "{\"runtime\": \"python3\", \"x\": \"" + "x".repeat(70_000) + "\"}";

        assertEquals(
                List.of("entry 'hearth.json' is 68.4 KiB, over the limit of 64 KiB"),
                problems(UploadRules.judge("hello", zip(Map.of("hearth.json", large, "app.py", "")), GUARD)));
    }

    private static List<String> problems(UploadVerdict verdict) {
        return assertInstanceOf(UploadVerdict.Rejected.class, verdict).problems();
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : new LinkedHashMap<>(files).entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
