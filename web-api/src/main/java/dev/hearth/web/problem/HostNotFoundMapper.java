package dev.hearth.web.problem;

import dev.hearth.scheduler.application.HostNotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class HostNotFoundMapper extends ProblemMapperSupport implements ExceptionMapper<HostNotFoundException> {

    @Override
    public Response toResponse(HostNotFoundException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(HostNotFoundException exception, String instance) {
        return new Problem(ProblemType.HOST_NOT_FOUND, 404, exception.getMessage(), instance).toResponse();
    }
}
