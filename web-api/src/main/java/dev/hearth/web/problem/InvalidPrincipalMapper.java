package dev.hearth.web.problem;

import dev.hearth.scheduler.application.InvalidPrincipalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class InvalidPrincipalMapper extends ProblemMapperSupport implements ExceptionMapper<InvalidPrincipalException> {

    @Override
    public Response toResponse(InvalidPrincipalException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(InvalidPrincipalException exception, String instance) {
        return new Problem(ProblemType.INVALID_REQUEST, 400, exception.getMessage(), instance).toResponse();
    }
}
