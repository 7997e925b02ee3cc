package dev.hearth.web.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hearth.domain.rules.Limits;
import dev.hearth.protocol.wire.json.WholeJson;
import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
import jakarta.json.JsonException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A request body that JAX-RS binds to a record DTO with JSON-B is read first, at most {@value
 * #MAX_BYTES} bytes, and checked to be one whole JSON document ({@link WholeJson}): a body cut
 * inside a property the DTO does not know would otherwise pin one of Payara's HTTP threads for good
 * (Yasson skips it with Parsson's {@code skipArray}/{@code skipObject}, eclipse-ee4j/parsson#23).
 * An empty body goes on to JSON-B as it is; bodies that resources read as streams are theirs.
 */
@Provider
public class WholeJsonBodies implements ReaderInterceptor {

    /** A schedule's event of at most 1 MiB, and room for what surrounds it. */
    static final int MAX_BYTES = 2 * Limits.MAX_EVENT_BYTES;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!context.getType().isRecord()) {
            return context.proceed();
        }
        byte[] body = RequestBodies.readAtMost(
                context.getInputStream(), declaredLength(context), MAX_BYTES, "The request body");
        if (body.length > 0) {
            try {
                WholeJson.check(new String(body, UTF_8));
            } catch (JsonException e) {
                throw new HearthException(
                        ProblemType.INVALID_REQUEST, "The request body is not JSON: " + e.getMessage());
            }
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** The body's {@code Content-Length}, or -1 when it declares none (or not a number). */
    private static long declaredLength(ReaderInterceptorContext context) {
        try {
            return Long.parseLong(context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
