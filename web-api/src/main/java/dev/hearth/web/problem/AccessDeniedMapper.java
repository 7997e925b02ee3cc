package dev.hearth.web.problem;

import dev.hearth.scheduler.application.AccessDeniedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class AccessDeniedMapper extends ProblemMapperSupport implements ExceptionMapper<AccessDeniedException> {

    @Override
    public Response toResponse(AccessDeniedException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(AccessDeniedException exception, String instance) {
        return new Problem(ProblemType.ACCESS_DENIED, 403, exception.getMessage(), instance).toResponse();
    }
}
