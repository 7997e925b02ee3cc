package dev.hearth.scheduler.application;

import dev.hearth.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

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
        // Someone else's activation is reported missing, so that ids reveal nothing.
        return activations
                .find(activationId)
                .filter(a -> caller.mayManage(a.owner()))
                .map(Views::activation)
                .orElseThrow(() -> new ActivationNotFoundException("no activation '" + activationId + "'"));
    }

    @Override
    public List<ActivationView> listForFunction(Caller caller, String functionName, int limit) {
        functions
                .find(functionName)
                .filter(f -> caller.mayManage(f.owner()))
                .orElseThrow(() -> new FunctionNotFoundException("no function '" + functionName + "'"));
        int bounded = Math.max(1, Math.min(limit, MAX_LIST));
        return activations.newestOf(functionName, bounded).stream()
                .map(Views::activation)
                .toList();
    }
}
