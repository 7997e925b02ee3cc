package dev.hearth.web.problem;

import dev.hearth.scheduler.application.InvalidSettingsException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class InvalidSettingsMapper extends ProblemMapperSupport implements ExceptionMapper<InvalidSettingsException> {

    @Override
    public Response toResponse(InvalidSettingsException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(InvalidSettingsException exception, String instance) {
        return new Problem(ProblemType.INVALID_SETTINGS, 400, exception.getMessage(), instance).toResponse();
    }
}
