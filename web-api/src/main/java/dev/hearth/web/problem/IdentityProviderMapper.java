package dev.hearth.web.problem;

import dev.hearth.scheduler.application.IdentityProviderException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class IdentityProviderMapper extends ProblemMapperSupport implements ExceptionMapper<IdentityProviderException> {

    @Override
    public Response toResponse(IdentityProviderException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(IdentityProviderException exception, String instance) {
        return new Problem(ProblemType.HTTP_STATUS, 503, exception.getMessage(), instance).toResponse();
    }
}
