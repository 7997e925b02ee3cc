package dev.hearth.web.problem;

import dev.hearth.scheduler.application.SecretNotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class SecretNotFoundMapper extends ProblemMapperSupport implements ExceptionMapper<SecretNotFoundException> {

    @Override
    public Response toResponse(SecretNotFoundException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(SecretNotFoundException exception, String instance) {
        return new Problem(ProblemType.SECRET_NOT_FOUND, 404, exception.getMessage(), instance).toResponse();
    }
}
