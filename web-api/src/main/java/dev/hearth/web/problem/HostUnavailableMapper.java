package dev.hearth.web.problem;

import dev.hearth.scheduler.application.HostUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class HostUnavailableMapper extends ProblemMapperSupport implements ExceptionMapper<HostUnavailableException> {

    @Override
    public Response toResponse(HostUnavailableException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(HostUnavailableException exception, String instance) {
        return new Problem(ProblemType.HOST_UNAVAILABLE, 502, exception.getMessage(), instance).toResponse();
    }
}
