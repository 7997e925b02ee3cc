package dev.hearth.web.problem;

import dev.hearth.scheduler.application.InvalidEventException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class InvalidEventMapper extends ProblemMapperSupport implements ExceptionMapper<InvalidEventException> {

    @Override
    public Response toResponse(InvalidEventException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(InvalidEventException exception, String instance) {
        return new Problem(ProblemType.INVALID_EVENT, 400, exception.getMessage(), instance).toResponse();
    }
}
