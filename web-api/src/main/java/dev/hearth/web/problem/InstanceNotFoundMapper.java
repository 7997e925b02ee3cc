package dev.hearth.web.problem;

import dev.hearth.scheduler.application.InstanceNotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class InstanceNotFoundMapper extends ProblemMapperSupport implements ExceptionMapper<InstanceNotFoundException> {

    @Override
    public Response toResponse(InstanceNotFoundException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(InstanceNotFoundException exception, String instance) {
        return new Problem(ProblemType.INSTANCE_NOT_FOUND, 404, exception.getMessage(), instance).toResponse();
    }
}
