package dev.hearth.web.problem;

import dev.hearth.scheduler.application.CredentialRejectedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class CredentialRejectedMapper extends ProblemMapperSupport
        implements ExceptionMapper<CredentialRejectedException> {

    @Override
    public Response toResponse(CredentialRejectedException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(CredentialRejectedException exception, String instance) {
        return new Problem(ProblemType.UNAUTHENTICATED, 401, exception.getMessage(), instance)
                .toResponseBuilder()
                .header("WWW-Authenticate", "Bearer realm=\"hearth\", error=\"invalid_token\"")
                .build();
    }
}
