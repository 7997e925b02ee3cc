package dev.hearth.web.problem;

import dev.hearth.manifest.dataset.DataSetReadersBusyException;
import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A data set refused because Payara reads as many as it may at once: {@code data-sets-busy}, a 503
 * with {@code Retry-After}, since nothing was read and the same request may succeed shortly.
 */
@Provider
public class DataSetReadersBusyMapper extends ProblemMapperSupport
        implements ExceptionMapper<DataSetReadersBusyException> {

    @Override
    public Response toResponse(DataSetReadersBusyException exception) {
        return toResponse(exception, instance());
    }

    Response toResponse(DataSetReadersBusyException exception, String instance) {
        return new HearthExceptionMapper()
                .toResponse(new HearthException(ProblemType.DATA_SETS_BUSY, exception.getMessage()), instance);
    }
}
