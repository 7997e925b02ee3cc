package dev.hearth.protocol.wire.json;

import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.Map;

/**
 * The check to make before JSON-B binds a text that someone else wrote: JSON-B (Yasson) skips a
 * property it does not know with Parsson's {@code skipObject} and {@code skipArray}, which never
 * return on a document that ends inside what they skip (eclipse-ee4j/parsson#23): {@code {"x":[}
 * would pin the reading thread for good. Reading every event of the document first refuses such a
 * document, as any other that is not one whole JSON value.
 */
public final class WholeJson {

    /** Once: Json.createParser looks the provider up on every call. */
    private static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(Map.of());

    private WholeJson() {}

    /**
     * {@code text}, once it is known to be one whole JSON value with nothing but white space after
     * it.
     *
     * @throws JsonParsingException when it is not: empty, cut short, malformed, followed by more,
     *     or nested deeper than the JSON-P provider allows
     */
    public static String check(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            try {
                while (parser.hasNext()) {
                    parser.next();
                }
            } catch (JsonException e) {
                throw e;
            } catch (RuntimeException e) {
                // Parsson refuses nesting deeper than its limit (1000) with a bare RuntimeException.
                throw new JsonParsingException(e.getMessage(), e, parser.getLocation());
            }
        }
        return text;
    }
}
