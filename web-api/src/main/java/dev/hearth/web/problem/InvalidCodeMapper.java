package dev.hearth.web.problem;

import dev.hearth.scheduler.application.InvalidCodeException;
import jakarta.json.Json;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Lists every problem found in the archive in {@code errors}, so that one upload shows them all. */
@Provider
public class InvalidCodeMapper extends ProblemMapperSupport implements ExceptionMapper<InvalidCodeException> {

    @Override
    public Response toResponse(InvalidCodeException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(InvalidCodeException exception, String instance) {
        int count = exception.problems().size();
        String detail = count == 1
                ? "The code archive has a problem: " + exception.problems().get(0)
                : "The code archive has " + count + " problems; see errors.";
        return new Problem(ProblemType.INVALID_CODE, 400, detail, instance)
                .with("errors", Json.createArrayBuilder(exception.problems()).build())
                .toResponse();
    }
}
