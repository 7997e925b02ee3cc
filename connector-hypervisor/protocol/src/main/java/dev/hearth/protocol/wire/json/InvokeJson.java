package dev.hearth.protocol.wire.json;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.InvokeResult;
import dev.hearth.protocol.wire.PortionSpec;
import dev.hearth.protocol.wire.ResourceLimits;
import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads {@link InvokeRequest} and {@link InvokeResult} as UTF-8 JSON.
 *
 * <p>Writes what JSON-B (Yasson, with its defaults) writes for the same record, byte for byte:
 * properties in lexicographic order, a null property left out, a null inside a list or a map
 * written as {@code null}. Reads what JSON-B writes, so that an adapter and an agent of different
 * versions understand each other: an absent or null property is null (0 or false for a number or a
 * boolean), a property it does not know is skipped, duplicates keep the last. Stricter than JSON-B
 * where JSON-B converts: a value of the wrong JSON type (a number for a string, a string for a
 * number), a number with a fraction or an exponent or beyond its Java type, null for a number or a
 * boolean, an unknown property nested more than {@value #MAX_SKIPPED_DEPTH} deep, or anything after
 * the document is a {@link JsonException}, as malformed JSON is.
 */
public final class InvokeJson {

    /** Far deeper than anything the records hold; an unknown property nested deeper is refused. */
    static final int MAX_SKIPPED_DEPTH = 64;

    private static final JsonGeneratorFactory GENERATORS;
    private static final JsonParserFactory PARSERS;

    static {
        // Once: Json.createGenerator and Json.createParser look the provider up on every call.
        JsonProvider provider = JsonProvider.provider();
        GENERATORS = provider.createGeneratorFactory(Map.of());
        PARSERS = provider.createParserFactory(Map.of());
    }

    private InvokeJson() {}

    public static byte[] write(InvokeRequest request) {
        StringWriter out = new StringWriter(1024 + length(request.event()));
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            json.writeStartObject();
            strings(json, "allowedPrivateNetworks", request.allowedPrivateNetworks());
            string(json, "auxiliaryUrl", request.auxiliaryUrl());
            string(json, "codeSha256", request.codeSha256());
            string(json, "credential", request.credential());
            strings(json, "egressAllowList", request.egressAllowList());
            string(json, "entryPortion", request.entryPortion());
            map(json, "environment", request.environment());
            string(json, "event", request.event());
            string(json, "functionName", request.functionName());
            string(json, "invocationId", request.invocationId());
            if (request.limits() != null) {
                limits(json.writeStartObject("limits"), request.limits());
            }
            if (request.portions() != null) {
                json.writeStartArray("portions");
                for (PortionSpec portion : request.portions()) {
                    if (portion == null) {
                        json.writeNull();
                    } else {
                        portion(json.writeStartObject(), portion);
                    }
                }
                json.writeEnd();
            }
            string(json, "runtime", request.runtime());
            if (request.secrets() != null) {
                json.writeStartObject("secrets");
                request.secrets().forEach((portion, secrets) -> {
                    if (secrets == null) {
                        json.writeNull(portion);
                    } else {
                        entries(json.writeStartObject(portion), secrets);
                    }
                });
                json.writeEnd();
            }
            json.writeEnd();
        }
        return out.toString().getBytes(UTF_8);
    }

    public static byte[] write(InvokeResult result) {
        StringWriter out = new StringWriter(1024 + length(result.payload()) + length(result.logTail()));
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            json.writeStartObject();
            json.write("containersCreated", result.containersCreated());
            json.write("initMillis", result.initMillis());
            string(json, "invocationId", result.invocationId());
            string(json, "logTail", result.logTail());
            string(json, "payload", result.payload());
            json.write("runMillis", result.runMillis());
            string(json, "status", result.status());
            json.writeEnd();
        }
        return out.toString().getBytes(UTF_8);
    }

    /** @throws JsonException when {@code json} is not an invocation request as the class says */
    public static InvokeRequest readRequest(byte[] json) {
        try (Reader in = new Reader(json)) {
            in.document();
            String invocationId = null;
            String functionName = null;
            String codeSha256 = null;
            String runtime = null;
            String entryPortion = null;
            List<PortionSpec> portions = null;
            Map<String, String> environment = null;
            ResourceLimits limits = null;
            String event = null;
            String credential = null;
            List<String> egressAllowList = null;
            String auxiliaryUrl = null;
            List<String> allowedPrivateNetworks = null;
            Map<String, Map<String, String>> secrets = null;
            for (String name = in.property(); name != null; name = in.property()) {
                switch (name) {
                    case "invocationId" -> invocationId = in.string(name);
                    case "functionName" -> functionName = in.string(name);
                    case "codeSha256" -> codeSha256 = in.string(name);
                    case "runtime" -> runtime = in.string(name);
                    case "entryPortion" -> entryPortion = in.string(name);
                    case "portions" -> portions = in.portions();
                    case "environment" -> environment = in.map(name);
                    case "limits" -> limits = in.object(name) ? in.limits() : null;
                    case "event" -> event = in.string(name);
                    case "credential" -> credential = in.string(name);
                    case "egressAllowList" -> egressAllowList = in.strings(name);
                    case "auxiliaryUrl" -> auxiliaryUrl = in.string(name);
                    case "allowedPrivateNetworks" -> allowedPrivateNetworks = in.strings(name);
                    case "secrets" -> secrets = in.secrets();
                    default -> in.skip();
                }
            }
            in.end();
            return new InvokeRequest(
                    invocationId,
                    functionName,
                    codeSha256,
                    runtime,
                    entryPortion,
                    portions,
                    environment,
                    limits,
                    event,
                    credential,
                    egressAllowList,
                    auxiliaryUrl,
                    allowedPrivateNetworks,
                    secrets);
        }
    }

    /** @throws JsonException when {@code json} is not an invocation result as the class says */
    public static InvokeResult readResult(byte[] json) {
        try (Reader in = new Reader(json)) {
            in.document();
            String invocationId = null;
            String status = null;
            String payload = null;
            boolean containersCreated = false;
            long initMillis = 0;
            long runMillis = 0;
            String logTail = null;
            for (String name = in.property(); name != null; name = in.property()) {
                switch (name) {
                    case "invocationId" -> invocationId = in.string(name);
                    case "status" -> status = in.string(name);
                    case "payload" -> payload = in.string(name);
                    case "containersCreated" -> containersCreated = in.bool(name);
                    case "initMillis" -> initMillis = in.number(name);
                    case "runMillis" -> runMillis = in.number(name);
                    case "logTail" -> logTail = in.string(name);
                    default -> in.skip();
                }
            }
            in.end();
            return new InvokeResult(invocationId, status, payload, containersCreated, initMillis, runMillis, logTail);
        }
    }

    private static void portion(JsonGenerator json, PortionSpec portion) {
        map(json, "environment", portion.environment());
        string(json, "handler", portion.handler());
        string(json, "name", portion.name());
        string(json, "path", portion.path());
        strings(json, "sharedPaths", portion.sharedPaths());
        string(json, "trustLevel", portion.trustLevel());
        json.writeEnd();
    }

    private static void limits(JsonGenerator json, ResourceLimits limits) {
        json.write("cpuPercent", limits.cpuPercent());
        json.write("maxProcesses", limits.maxProcesses());
        json.write("memoryMb", limits.memoryMb());
        json.write("timeoutMillis", limits.timeoutMillis());
        json.write("tmpMb", limits.tmpMb());
        json.writeEnd();
    }

    private static void string(JsonGenerator json, String name, String value) {
        if (value != null) {
            json.write(name, value);
        }
    }

    private static void strings(JsonGenerator json, String name, List<String> values) {
        if (values != null) {
            json.writeStartArray(name);
            for (String value : values) {
                if (value == null) {
                    json.writeNull();
                } else {
                    json.write(value);
                }
            }
            json.writeEnd();
        }
    }

    private static void map(JsonGenerator json, String name, Map<String, String> values) {
        if (values != null) {
            entries(json.writeStartObject(name), values);
        }
    }

    /** The entries of the object just started, and its end. */
    private static void entries(JsonGenerator json, Map<String, String> values) {
        values.forEach((key, value) -> {
            if (value == null) {
                json.writeNull(key);
            } else {
                json.write(key, value);
            }
        });
        json.writeEnd();
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    /** One document being read, one value at a time; every refusal is a {@link JsonParsingException}. */
    private static final class Reader implements AutoCloseable {

        private final JsonParser parser;

        Reader(byte[] json) {
            parser = PARSERS.createParser(new StringReader(new String(json, UTF_8)));
        }

        /** The document's start: it must be an object. */
        void document() {
            if (next() != Event.START_OBJECT) {
                throw refused("the document is not a JSON object");
            }
        }

        /** After the document's object: nothing but white space. */
        void end() {
            if (parser.hasNext()) {
                throw refused("there is more after the document");
            }
        }

        /** The next property's name in the current object, or null at its end. */
        String property() {
            Event event = next();
            if (event == Event.KEY_NAME) {
                return parser.getString();
            }
            if (event == Event.END_OBJECT) {
                return null;
            }
            throw refused("a property name was expected");
        }

        String string(String name) {
            return string(next(), name);
        }

        private String string(Event event, String name) {
            return switch (event) {
                case VALUE_STRING -> parser.getString();
                case VALUE_NULL -> null;
                default -> throw refused(name + " must be a string or null");
            };
        }

        long number(String name) {
            if (next() != Event.VALUE_NUMBER) {
                throw refused(name + " must be a number");
            }
            // The number's own text: a fraction, an exponent or too many digits fail here, fast
            // and without the provider's BigDecimal (Parsson refuses long ones with an
            // UnsupportedOperationException, not a JsonException).
            String text = parser.getString();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw refused(name + " must be a whole number within 64 bits, not " + abbreviated(text));
            }
        }

        int integer(String name) {
            long value = number(name);
            if (value != (int) value) {
                throw refused(name + " must be a whole number within 32 bits, not " + value);
            }
            return (int) value;
        }

        boolean bool(String name) {
            return switch (next()) {
                case VALUE_TRUE -> true;
                case VALUE_FALSE -> false;
                default -> throw refused(name + " must be true or false");
            };
        }

        /** True at the start of an object, false for null. */
        boolean object(String name) {
            return switch (next()) {
                case START_OBJECT -> true;
                case VALUE_NULL -> false;
                default -> throw refused(name + " must be an object or null");
            };
        }

        /** True at the start of an array, false for null. */
        private boolean array(String name) {
            return switch (next()) {
                case START_ARRAY -> true;
                case VALUE_NULL -> false;
                default -> throw refused(name + " must be an array or null");
            };
        }

        List<String> strings(String name) {
            if (!array(name)) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (Event event = next(); event != Event.END_ARRAY; event = next()) {
                values.add(string(event, name + "[]"));
            }
            return values;
        }

        Map<String, String> map(String name) {
            if (!object(name)) {
                return null;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String key = property(); key != null; key = property()) {
                values.put(key, string(name + " values"));
            }
            return values;
        }

        Map<String, Map<String, String>> secrets() {
            if (!object("secrets")) {
                return null;
            }
            Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
            for (String portion = property(); portion != null; portion = property()) {
                secrets.put(portion, map("secrets of a portion"));
            }
            return secrets;
        }

        List<PortionSpec> portions() {
            if (!array("portions")) {
                return null;
            }
            List<PortionSpec> portions = new ArrayList<>();
            for (Event event = next(); event != Event.END_ARRAY; event = next()) {
                portions.add(
                        switch (event) {
                            case START_OBJECT -> portion();
                            case VALUE_NULL -> null;
                            default -> throw refused("portions[] must be objects or null");
                        });
            }
            return portions;
        }

        /** The portion whose object has just started. */
        private PortionSpec portion() {
            String name = null;
            String path = null;
            String handler = null;
            String trustLevel = null;
            Map<String, String> environment = null;
            List<String> sharedPaths = null;
            for (String property = property(); property != null; property = property()) {
                switch (property) {
                    case "name" -> name = string("portions[].name");
                    case "path" -> path = string("portions[].path");
                    case "handler" -> handler = string("portions[].handler");
                    case "trustLevel" -> trustLevel = string("portions[].trustLevel");
                    case "environment" -> environment = map("portions[].environment");
                    case "sharedPaths" -> sharedPaths = strings("portions[].sharedPaths");
                    default -> skip();
                }
            }
            return new PortionSpec(name, path, handler, trustLevel, environment, sharedPaths);
        }

        /** The limits whose object has just started. */
        ResourceLimits limits() {
            int memoryMb = 0;
            long timeoutMillis = 0;
            int maxProcesses = 0;
            int tmpMb = 0;
            int cpuPercent = 0;
            for (String property = property(); property != null; property = property()) {
                switch (property) {
                    case "memoryMb" -> memoryMb = integer("limits.memoryMb");
                    case "timeoutMillis" -> timeoutMillis = number("limits.timeoutMillis");
                    case "maxProcesses" -> maxProcesses = integer("limits.maxProcesses");
                    case "tmpMb" -> tmpMb = integer("limits.tmpMb");
                    case "cpuPercent" -> cpuPercent = integer("limits.cpuPercent");
                    default -> skip();
                }
            }
            return new ResourceLimits(memoryMb, timeoutMillis, maxProcesses, tmpMb, cpuPercent);
        }

        /**
         * Skips the value of a property it does not know, counting its depth itself: Parsson's own
         * {@code skipObject} and {@code skipArray} never return on a document that ends inside what
         * they skip (eclipse-ee4j/parsson#23), and JSON-B, which uses them, hangs there.
         */
        void skip() {
            int depth = 0;
            do {
                switch (next()) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_SKIPPED_DEPTH) {
                            throw refused("an unknown property is nested deeper than " + MAX_SKIPPED_DEPTH);
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    default -> {}
                }
            } while (depth > 0);
        }

        private Event next() {
            if (!parser.hasNext()) {
                throw refused("the document ends early");
            }
            return parser.next();
        }

        private JsonParsingException refused(String why) {
            return new JsonParsingException(why, parser.getLocation());
        }

        private static String abbreviated(String text) {
            return text.length() <= 24 ? text : text.substring(0, 20) + "...";
        }

        @Override
        public void close() {
            parser.close();
        }
    }
}
