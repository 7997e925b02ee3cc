package dev.hearth.protocol.wire.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import dev.hearth.protocol.wire.PortionSpec;
import dev.hearth.protocol.wire.ResourceLimits;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The invocation's JSON against JSON-B's (Yasson, as the adapter and the agent used it before and
 * an older peer still does): written byte for byte as JSON-B writes it, so that JSON-B reads it,
 * and read as JSON-B reads its own, whatever the records hold (nulls inside lists and maps too).
 */
class InvokeJsonTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    /** A new adapter to an older agent, an older adapter to a new agent, and new to new. */
    @Property(tries = 500)
    void aRequestTravelsAsJsonbMakesIt(@ForAll("requests") InvokeRequest sent) {
        byte[] written = InvokeJson.write(sent);

        assertEquals(JSONB.toJson(sent), new String(written, UTF_8));
        assertEquals(sent, JSONB.fromJson(new String(written, UTF_8), InvokeRequest.class));
        assertEquals(sent, InvokeJson.readRequest(JSONB.toJson(sent).getBytes(UTF_8)));
        assertEquals(sent, InvokeJson.readRequest(written));
    }

    @Property(tries = 300)
    void aResultTravelsAsJsonbMakesIt(@ForAll("results") InvokeResult sent) {
        byte[] written = InvokeJson.write(sent);

        assertEquals(JSONB.toJson(sent), new String(written, UTF_8));
        assertEquals(sent, JSONB.fromJson(new String(written, UTF_8), InvokeResult.class));
        assertEquals(sent, InvokeJson.readResult(JSONB.toJson(sent).getBytes(UTF_8)));
        assertEquals(sent, InvokeJson.readResult(written));
    }

    @Example
    void textBeyondAsciiAndControlCharactersArriveUnchanged() {
        InvokeResult sent = new InvokeResult(
                "inv-1",
                "success",
                "{\"greeting\":\"Grüß dich 👋\"}",
                true,
                12,
                3,
                "line\n\ttab \u0000 \u2028 \"q\" \\");

        assertEquals(JSONB.toJson(sent), new String(InvokeJson.write(sent), UTF_8));
        assertEquals(sent, InvokeJson.readResult(InvokeJson.write(sent)));
    }

    /** What a newer sender adds, at every level, is skipped as JSON-B skips it. */
    @Example
    void propertiesItDoesNotKnowAreSkipped() {
        String newer = "{\"future\":{\"a\":[1,{\"b\":null},[[]]],\"c\":\"}\"},\"invocationId\":\"inv-1\","
                + "\"portions\":[{\"name\":\"main\",\"future\":[true,false],\"handler\":\"app.handler\"}],"
                + "\"limits\":{\"memoryMb\":128,\"future\":1.5e3,\"tmpMb\":64},\"more\":\"x\",\"codeSha256\":\"ab12\"}";

        InvokeRequest read = InvokeJson.readRequest(newer.getBytes(UTF_8));

        assertEquals(JSONB.fromJson(newer, InvokeRequest.class), read);
        assertEquals(List.of(new PortionSpec("main", null, "app.handler", null, null, null)), read.portions());
        assertEquals(new ResourceLimits(128, 0, 0, 64, 0), read.limits());
        assertEquals(
                JSONB.fromJson("{\"future\":[],\"runMillis\":7}", InvokeResult.class),
                InvokeJson.readResult("{\"future\":[],\"runMillis\":7}".getBytes(UTF_8)));
    }

    /**
     * An older sender's request, in another order: what it leaves out reads as JSON-B reads it
     * (WireJsonbTest: as the records' shorter forms make it).
     */
    @Example
    void whatAnOlderSenderLeavesOutReadsAsJsonbReadsIt() {
        String older = "{\"limits\":{\"tmpMb\":64,\"memoryMb\":128,\"timeoutMillis\":10000,\"maxProcesses\":16},"
                + "\"invocationId\":\"inv-1\",\"functionName\":\"hello\",\"codeSha256\":\"ab12\","
                + "\"runtime\":\"python3\",\"entryPortion\":\"main\",\"portions\":[{\"name\":\"main\","
                + "\"path\":\"main\",\"handler\":\"app.handler\",\"trustLevel\":\"untrusted\"}],"
                + "\"event\":\"{}\",\"egressAllowList\":[], \"credential\" : null}";

        InvokeRequest read = InvokeJson.readRequest(older.getBytes(UTF_8));

        assertEquals(JSONB.fromJson(older, InvokeRequest.class), read);
        assertEquals(ResourceLimits.of(128, 10_000, 16, 64), read.limits());
        assertEquals(JSONB.fromJson("{}", InvokeResult.class), InvokeJson.readResult("{}".getBytes(UTF_8)));
    }

    @Provide
    Arbitrary<InvokeRequest> requests() {
        Arbitrary<String> text = text().injectNull(0.2);
        Arbitrary<List<String>> strings =
                text().injectNull(0.1).list().ofMaxSize(4).injectNull(0.2);
        Arbitrary<Map<String, String>> map = stringMap().injectNull(0.2);
        Arbitrary<ResourceLimits> limits = Combinators.combine(
                        Arbitraries.integers(),
                        Arbitraries.longs(),
                        Arbitraries.integers(),
                        Arbitraries.integers(),
                        Arbitraries.integers())
                .as(ResourceLimits::new)
                .injectNull(0.1);
        Arbitrary<PortionSpec> portion =
                Combinators.combine(text, text, text, text, map, strings).as(PortionSpec::new);
        Arbitrary<List<PortionSpec>> portions =
                portion.injectNull(0.05).list().ofMaxSize(3).injectNull(0.1);
        Arbitrary<Map<String, Map<String, String>>> secrets = Arbitraries.maps(
                        text(), stringMap().injectNull(0.1))
                .ofMaxSize(3)
                .injectNull(0.3);
        Arbitrary<Identity> identity =
                Combinators.combine(text, text, text, text, text, text, text).as(Identity::new);
        return Combinators.combine(identity, portions, map, limits, strings, text, strings, secrets)
                .as((id, p, environment, l, egress, auxiliaryUrl, networks, s) -> new InvokeRequest(
                        id.invocationId(),
                        id.functionName(),
                        id.codeSha256(),
                        id.runtime(),
                        id.entryPortion(),
                        p,
                        environment,
                        l,
                        id.event(),
                        id.credential(),
                        egress,
                        auxiliaryUrl,
                        networks,
                        s));
    }

    /** The request's plain strings, generated together (jqwik combines at most eight arbitraries). */
    record Identity(
            String invocationId,
            String functionName,
            String codeSha256,
            String runtime,
            String entryPortion,
            String event,
            String credential) {}

    @Provide
    Arbitrary<InvokeResult> results() {
        Arbitrary<String> text = text().injectNull(0.2);
        return Combinators.combine(
                        text, text, text, Arbitraries.of(true, false), Arbitraries.longs(), Arbitraries.longs(), text)
                .as(InvokeResult::new);
    }

    /**
     * Any text a Java string holds as UTF-8 can carry: every character of the basic plane but the
     * surrogates (characters beyond it are pairs of them, see the example with an emoji), JSON's
     * own syntax, and the escapes' characters.
     */
    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .withCharRange('\u0000', '\ud7ff')
                        .withCharRange('\ue000', '\uffff')
                        .ofMaxLength(16),
                Arbitraries.strings()
                        .withChars("{}[]\":,\\/ \n\t\u0000\u001f\u007fa1")
                        .ofMaxLength(16));
    }

    private static Arbitrary<Map<String, String>> stringMap() {
        return Arbitraries.maps(text(), text().injectNull(0.1)).ofMaxSize(4);
    }
}
