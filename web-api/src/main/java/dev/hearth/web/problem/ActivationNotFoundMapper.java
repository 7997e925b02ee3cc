package dev.hearth.web.problem;

import dev.hearth.scheduler.application.ActivationNotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ActivationNotFoundMapper extends ProblemMapperSupport
        implements ExceptionMapper<ActivationNotFoundException> {

    @Override
    public Response toResponse(ActivationNotFoundException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(ActivationNotFoundException exception, String instance) {
        return new Problem(ProblemType.ACTIVATION_NOT_FOUND, 404, exception.getMessage(), instance).toResponse();
    }
}
