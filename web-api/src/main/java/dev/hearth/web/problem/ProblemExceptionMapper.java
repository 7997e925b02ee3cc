package dev.hearth.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ProblemExceptionMapper extends ProblemMapperSupport implements ExceptionMapper<ProblemException> {

    @Override
    public Response toResponse(ProblemException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(ProblemException exception, String instance) {
        return new Problem(exception.type(), exception.status(), exception.getMessage(), instance).toResponse();
    }
}
