package dev.hearth.protocol.wire.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hearth.protocol.wire.CreateInstanceRequest;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.stream.JsonParsingException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only whole JSON values pass, so that JSON-B never sees a document that ends where it skips. */
class WholeJsonTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    private final Jsonb jsonb = JsonbBuilder.create();

    @Test
    void everyCutOfADocumentWithAnUnknownPropertyIsRefused() {
        String document = "{\"future\":[1,{\"a\":[true,null]},\"x\"],\"runtime\":\"python3\",\"later\":{\"b\":{}}}";
        assertTimeoutPreemptively(SOON, () -> {
            for (int length = 0; length < document.length(); length++) {
                String cut = document.substring(0, length);
                assertThrows(JsonParsingException.class, () -> WholeJson.check(cut), cut);
            }
        });
        CreateInstanceRequest request = jsonb.fromJson(WholeJson.check(document), CreateInstanceRequest.class);
        assertEquals("python3", request.runtime());
    }

    @Test
    void whatPassesIsBoundByJsonbSoon() {
        for (String document : List.of("{}", " {\"runtime\":\"nodejs\",\"x\":[[]]}\n", "null")) {
            assertTimeoutPreemptively(
                    SOON, () -> jsonb.fromJson(WholeJson.check(document), CreateInstanceRequest.class), document);
        }
    }

    @Test
    void emptyMalformedFollowedOrTooDeepIsRefused() {
        for (String text : List.of(
                "",
                " ",
                "{\"a\":1,}",
                "{\"a\":1} {\"x\":[",
                "{\"a\":1} x",
                "\"open",
                "[".repeat(100_000) + "]".repeat(100_000))) {
            assertThrows(
                    JsonParsingException.class,
                    () -> WholeJson.check(text),
                    text.substring(0, Math.min(20, text.length())));
        }
    }
}
