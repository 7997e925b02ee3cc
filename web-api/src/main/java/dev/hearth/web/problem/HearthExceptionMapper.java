package dev.hearth.web.problem;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
import jakarta.json.Json;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Every problem Hearth itself finds, whichever layer found it: the type's row gives type URI, title
 * and status, the exception the detail and the {@code errors}; {@code Retry-After} where the type
 * says a retry may help, and the bearer challenge on a 401 (RFC 6750: the token was not accepted).
 */
@Provider
public class HearthExceptionMapper extends ProblemMapperSupport implements ExceptionMapper<HearthException> {

    static final String INVALID_TOKEN_CHALLENGE = HttpStatusProblems.BEARER_CHALLENGE + ", error=\"invalid_token\"";

    @Override
    public Response toResponse(HearthException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(HearthException exception, String instance) {
        ProblemType type = exception.type();
        Problem problem = new Problem(type, type.status(), exception.getMessage(), instance);
        if (!exception.errors().isEmpty()) {
            problem = problem.with(
                    "errors", Json.createArrayBuilder(exception.errors()).build());
        }
        Response.ResponseBuilder response = problem.toResponseBuilder();
        type.retryAfterSeconds().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        if (type.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN_CHALLENGE);
        }
        return response.build();
    }
}
