package dev.hearth.scheduler.application;

import dev.hearth.security.Caller;
import java.util.List;

/** Reading activation records. */
public interface ActivationService {

    /** @throws HearthException ACTIVATION_NOT_FOUND: missing, or not visible to the caller */
    ActivationView get(Caller caller, String activationId);

    /**
     * The newest activations of a function first, at most {@code limit}; a stored result longer
     * than {@link ActivationView#LISTED_RESULT_CHARS} is given as its beginning ({@code
     * resultTruncated}), {@link #get} gives all that is stored of it.
     *
     * @throws HearthException FUNCTION_NOT_FOUND: missing, or not visible to the caller
     */
    List<ActivationView> listForFunction(Caller caller, String functionName, int limit);
}
