package dev.hearth.web.problem;

import dev.hearth.scheduler.application.InvalidSecretException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class InvalidSecretMapper extends ProblemMapperSupport implements ExceptionMapper<InvalidSecretException> {

    @Override
    public Response toResponse(InvalidSecretException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(InvalidSecretException exception, String instance) {
        return new Problem(ProblemType.INVALID_SECRET, 400, exception.getMessage(), instance).toResponse();
    }
}
