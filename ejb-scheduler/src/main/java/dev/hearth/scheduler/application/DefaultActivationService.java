package dev.hearth.scheduler.application;

import dev.hearth.persistence.ActivationEntity;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Activation records, shown to the function's owner and to admins only. */
@Stateless
public class DefaultActivationService implements ActivationService {

    public static final int MAX_LIST = 1000;

    @Inject
    ActivationRepository activations;

    @Inject
    FunctionRepository functions;

    @Override
    public ActivationView get(Caller caller, String activationId) {
        return readable(activations, caller, activationId)
                .map(Views::activation)
                .orElseThrow(() -> missing(activationId));
    }

    /**
     * The activation when the caller may read the whole of it ({@link ActivationAccess.Whole});
     * someone else's is reported missing, so that ids reveal nothing.
     */
    static Optional<ActivationEntity> readable(ActivationRepository activations, Caller caller, String activationId) {
        return activations
                .find(activationId)
                .filter(a -> ActivationAccess.of(caller, a.owner()) instanceof ActivationAccess.Whole);
    }

    static HearthException missing(String activationId) {
        return new HearthException(ProblemType.ACTIVATION_NOT_FOUND, "no activation '" + activationId + "'");
    }

    @Override
    public List<ActivationView> listForFunction(Caller caller, String functionName, int limit) {
        // The name's current function: a deleted function's records are gone with it (and were
        // never its successor's, which has an identity of its own).
        FunctionEntity function = functions
                .find(functionName)
                .filter(f -> caller.mayManage(f.owner()))
                .orElseThrow(() ->
                        new HearthException(ProblemType.FUNCTION_NOT_FOUND, "no function '" + functionName + "'"));
        int bounded = Math.max(1, Math.min(limit, MAX_LIST));
        return activations.newestOf(function.functionId(), bounded, ActivationView.LISTED_RESULT_CHARS);
    }
}
