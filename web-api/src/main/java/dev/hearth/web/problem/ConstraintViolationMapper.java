package dev.hearth.web.problem;

import dev.hearth.scheduler.application.ProblemType;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.stream.StreamSupport;

/**
 * A request that fails Bean Validation: 400 with one {@code errors} entry per violation, naming
 * the parameter. A violation on a return value is the server's fault and answered as a 500.
 */
@Provider
public class ConstraintViolationMapper extends ProblemMapperSupport
        implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(ConstraintViolationException exception, String instance) {
        if (exception.getConstraintViolations().stream().anyMatch(ConstraintViolationMapper::onReturnValue)) {
            return new UnexpectedExceptionMapper().toResponse(exception, instance);
        }
        JsonArrayBuilder errors = Json.createArrayBuilder();
        exception.getConstraintViolations().stream()
                .map(violation -> parameterName(violation.getPropertyPath()) + ": " + violation.getMessage())
                .sorted(Comparator.naturalOrder())
                .forEach(errors::add);
        return new Problem(ProblemType.INVALID_REQUEST, 400, "The request is not valid; see errors.", instance)
                .with("errors", errors.build())
                .toResponse();
    }

    private static boolean onReturnValue(ConstraintViolation<?> violation) {
        return StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .anyMatch(node -> node.getKind() == ElementKind.RETURN_VALUE);
    }

    /** The last node of {@code deploy.name} is the parameter the client sent. */
    private static String parameterName(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name == null ? "request" : name;
    }
}
