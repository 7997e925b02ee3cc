package dev.hearth.web.problem;

import dev.hearth.scheduler.application.ProblemType;
import jakarta.json.Json;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything no other mapper knows: a 500 that shows no internals. The stack trace goes to the
 * server log under an {@code errorId} that the problem carries, so that a report can be matched to
 * it.
 */
@Provider
public class UnexpectedExceptionMapper extends ProblemMapperSupport implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(Throwable exception, String instance) {
        String errorId = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "error " + errorId + " answering " + instance, exception);
        return new Problem(
                        ProblemType.INTERNAL_ERROR,
                        500,
                        "The server failed to answer this request; its log has the details under errorId.",
                        instance)
                .with("errorId", Json.createValue(errorId))
                .toResponse();
    }
}
