package dev.hearth.web.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the status (and headers such as {@code Allow}) of JAX-RS's own errors, among them the
 * 401 and 403 of the {@code @RolesAllowed} check, and gives them a problem body.
 */
@Provider
public class WebApplicationExceptionMapper extends ProblemMapperSupport
        implements ExceptionMapper<WebApplicationException> {

    private static final Logger LOG = Logger.getLogger(WebApplicationExceptionMapper.class.getName());

    private static final Set<String> ENTITY_HEADERS = Set.of(
            HttpHeaders.CONTENT_TYPE.toLowerCase(),
            HttpHeaders.CONTENT_LENGTH.toLowerCase(),
            HttpHeaders.CONTENT_ENCODING.toLowerCase(),
            HttpHeaders.CONTENT_LANGUAGE.toLowerCase());

    @Override
    public Response toResponse(WebApplicationException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(WebApplicationException exception, String instance) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        if (status < 400) {
            return original;
        }
        if (status >= 500) {
            LOG.log(Level.WARNING, "request to " + instance + " failed with " + status, exception);
        }
        Response.ResponseBuilder response =
                HttpStatusProblems.of(status, instance).toResponseBuilder();
        original.getStringHeaders().forEach((name, values) -> {
            if (!ENTITY_HEADERS.contains(name.toLowerCase())) {
                values.forEach(value -> response.header(name, value));
            }
        });
        if (status == 401 && !original.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, HttpStatusProblems.BEARER_CHALLENGE);
        }
        return response.build();
    }
}
