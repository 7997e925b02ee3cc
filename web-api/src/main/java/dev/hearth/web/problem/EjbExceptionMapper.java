package dev.hearth.web.problem;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;

/**
 * An exception that reached the API wrapped by the EJB container is answered as the exception it
 * wraps would be: the mapper for the innermost cause decides. A refused EJB method permission is a
 * 403.
 */
@Provider
public class EjbExceptionMapper extends ProblemMapperSupport implements ExceptionMapper<EJBException> {

    @Context
    Providers providers;

    @Override
    @SuppressWarnings("unchecked")
    public Response toResponse(EJBException exception) {
        if (exception instanceof EJBAccessException) {
            return HttpStatusProblems.of(403, instance()).toResponse();
        }
        Throwable cause = unwrap(exception);
        // An EJBException with no cause is unexpected; asking for its own mapper would loop.
        Class<? extends Throwable> mappedAs = cause instanceof EJBException ? Throwable.class : cause.getClass();
        ExceptionMapper<Throwable> mapper = (ExceptionMapper<Throwable>) providers.getExceptionMapper(mappedAs);
        return mapper.toResponse(cause);
    }

    /** The first cause that is not itself an {@link EJBException}, or the outermost if none. */
    static Throwable unwrap(Throwable exception) {
        Throwable current = exception;
        while (current instanceof EJBException && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }
}
