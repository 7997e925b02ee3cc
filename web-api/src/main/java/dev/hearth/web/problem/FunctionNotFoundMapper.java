package dev.hearth.web.problem;

import dev.hearth.scheduler.application.FunctionNotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class FunctionNotFoundMapper extends ProblemMapperSupport implements ExceptionMapper<FunctionNotFoundException> {

    @Override
    public Response toResponse(FunctionNotFoundException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(FunctionNotFoundException exception, String instance) {
        return new Problem(ProblemType.FUNCTION_NOT_FOUND, 404, exception.getMessage(), instance).toResponse();
    }
}
