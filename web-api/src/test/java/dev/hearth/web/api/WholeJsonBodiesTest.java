package dev.hearth.web.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
import dev.hearth.web.admin.AdminDtos.SettingsDto;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A record DTO's body reaches JSON-B (as Payara's JAX-RS binds it: Yasson on the stream) only as
 * one whole JSON document: JSON-B alone never returns on a body cut inside a property it skips.
 */
class WholeJsonBodiesTest {

    private static final Duration SOON = Duration.ofSeconds(10);
    private static final Jsonb JSONB = JsonbBuilder.create();

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    @AfterEach
    void requestEnds() {
        RequestMemory.end();
    }

    @Test
    void aBodyCutInsideAnUnknownPropertyIsABadRequestAtOnce() {
        for (String cut : List.of(
                "{\"unknown\":[",
                "{\"unknown\":{",
                "{\"keepAliveSeconds\":60,\"unknown\":[1,{\"a\":",
                "{\"unknown\":" + "[".repeat(100_000))) {
            HearthException refused = assertTimeoutPreemptively(
                    SOON, () -> assertThrows(HearthException.class, () -> read(SettingsDto.class, cut)), cut);

            assertEquals(ProblemType.INVALID_REQUEST, refused.type());
            assertTrue(refused.getMessage().startsWith("The request body is not JSON: "), refused.getMessage());
        }
    }

    @Test
    void aWholeDocumentIsBoundAsBefore() throws IOException {
        SettingsDto settings = (SettingsDto)
                read(SettingsDto.class, "{\"keepAliveSeconds\":60,\"unknown\":[{}],\"allowedPrivateNetworks\":[]}");

        assertEquals(60, settings.keepAliveSeconds());
        assertEquals(List.of(), settings.allowedPrivateNetworks());
    }

    @Test
    void anEmptyBodyGoesOnToJsonbAsItIs() throws IOException {
        Context context = new Context(SettingsDto.class, "");

        assertEquals("read", new WholeJsonBodies().aroundReadFrom(context));
        assertEquals(0, context.in.readAllBytes().length);
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedWith413() {
        String large = "{\"unknown\":\"" + "x".repeat(WholeJsonBodies.MAX_BYTES) + "\"}";

        HearthException refused = assertThrows(HearthException.class, () -> read(SettingsDto.class, large));

        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, refused.type());
    }

    @Test
    void aStreamTheResourceReadsItselfIsLeftAlone() throws IOException {
        Context context = new Context(InputStream.class, "{\"unknown\":[");
        InputStream original = context.in;

        new WholeJsonBodies().aroundReadFrom(context);

        assertSame(original, context.in);
    }

    private static Object read(Class<?> type, String body) throws IOException {
        Context context = new Context(type, body);
        new WholeJsonBodies().aroundReadFrom(context);
        return JSONB.fromJson(context.in, type);
    }

    /** The context of one read; {@code proceed} only answers, the test binds what it then holds. */
    private static final class Context implements ReaderInterceptorContext {

        private final Class<?> type;
        private InputStream in;

        Context(Class<?> type, String body) {
            this.type = type;
            this.in = new ByteArrayInputStream(body.getBytes(UTF_8));
        }

        @Override
        public Object proceed() {
            return "read";
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public void setInputStream(InputStream is) {
            in = is;
        }

        @Override
        public MultivaluedMap<String, String> getHeaders() {
            return new MultivaluedHashMap<>();
        }

        @Override
        public Object getProperty(String name) {
            return null;
        }

        @Override
        public Collection<String> getPropertyNames() {
            return List.of();
        }

        @Override
        public void setProperty(String name, Object object) {}

        @Override
        public void removeProperty(String name) {}

        @Override
        public Annotation[] getAnnotations() {
            return new Annotation[0];
        }

        @Override
        public void setAnnotations(Annotation[] annotations) {}

        @Override
        public Class<?> getType() {
            return type;
        }

        @Override
        public void setType(Class<?> type) {}

        @Override
        public Type getGenericType() {
            return type;
        }

        @Override
        public void setGenericType(Type genericType) {}

        @Override
        public MediaType getMediaType() {
            return MediaType.APPLICATION_JSON_TYPE;
        }

        @Override
        public void setMediaType(MediaType mediaType) {}
    }
}
