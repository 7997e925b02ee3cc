package dev.hearth.web.problem;

import dev.hearth.scheduler.application.NotOfferedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * 503 without {@code Retry-After}: no host offers what the function needs, so a retry soon would
 * fail the same way; clients that honour the header would otherwise retry forever.
 */
@Provider
public class NotOfferedMapper extends ProblemMapperSupport implements ExceptionMapper<NotOfferedException> {

    @Override
    public Response toResponse(NotOfferedException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(NotOfferedException exception, String instance) {
        return new Problem(ProblemType.NOT_OFFERED, 503, exception.getMessage(), instance).toResponse();
    }
}
