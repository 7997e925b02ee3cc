package dev.hearth.web.problem;

import dev.hearth.scheduler.application.CapacityExhaustedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 503 with {@code Retry-After}: the pools refill in the background, so a retry may well succeed. */
@Provider
public class CapacityExhaustedMapper extends ProblemMapperSupport
        implements ExceptionMapper<CapacityExhaustedException> {

    static final int RETRY_AFTER_SECONDS = 1;

    @Override
    public Response toResponse(CapacityExhaustedException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(CapacityExhaustedException exception, String instance) {
        return new Problem(ProblemType.CAPACITY_EXHAUSTED, 503, exception.getMessage(), instance)
                .toResponseBuilder()
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }
}
