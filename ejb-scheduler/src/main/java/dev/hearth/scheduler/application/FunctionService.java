package dev.hearth.scheduler.application;

import dev.hearth.security.Caller;
import java.util.List;

/** Deploying, listing, reading and deleting functions. */
public interface FunctionService {

    /**
     * Validates the code archive (zip or tar.gz with a {@code hearth.json} manifest) and stores it
     * as the function's current code, creating the function or replacing its code. Nothing is
     * stored when the archive or manifest is invalid.
     *
     * @throws HearthException INVALID_CODE: the archive or its manifest is unacceptable
     * @throws HearthException ACCESS_DENIED: the caller may not deploy, or the name belongs to another user
     */
    FunctionView deploy(Caller caller, String name, byte[] archive);

    /** The caller's own functions; an admin's view holds every function. */
    List<FunctionView> list(Caller caller);

    /** @throws HearthException FUNCTION_NOT_FOUND: missing, or not visible to the caller */
    FunctionView get(Caller caller, String name);

    /** @throws HearthException FUNCTION_NOT_FOUND: missing, or not visible to the caller */
    void delete(Caller caller, String name);
}
