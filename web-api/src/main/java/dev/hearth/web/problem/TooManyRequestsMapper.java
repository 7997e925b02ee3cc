package dev.hearth.web.problem;

import dev.hearth.scheduler.application.TooManyRequestsException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 429 with {@code Retry-After}: the invocation waited its turn in vain; running ones end soon. */
@Provider
public class TooManyRequestsMapper extends ProblemMapperSupport implements ExceptionMapper<TooManyRequestsException> {

    static final int RETRY_AFTER_SECONDS = 1;

    @Override
    public Response toResponse(TooManyRequestsException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(TooManyRequestsException exception, String instance) {
        return new Problem(ProblemType.TOO_MANY_REQUESTS, 429, exception.getMessage(), instance)
                .toResponseBuilder()
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }
}
