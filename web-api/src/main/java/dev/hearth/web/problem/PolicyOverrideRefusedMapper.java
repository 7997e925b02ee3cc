package dev.hearth.web.problem;

import dev.hearth.scheduler.application.PolicyOverrideRefusedException;
import jakarta.json.Json;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Lists every refused field in {@code errors}; nothing ran. */
@Provider
public class PolicyOverrideRefusedMapper extends ProblemMapperSupport
        implements ExceptionMapper<PolicyOverrideRefusedException> {

    @Override
    public Response toResponse(PolicyOverrideRefusedException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(PolicyOverrideRefusedException exception, String instance) {
        return new Problem(
                        ProblemType.POLICY_OVERRIDE_REFUSED,
                        400,
                        "The invocation asks for more than the function's policy allows: " + exception.getMessage(),
                        instance)
                .with("errors", Json.createArrayBuilder(exception.problems()).build())
                .toResponse();
    }
}
