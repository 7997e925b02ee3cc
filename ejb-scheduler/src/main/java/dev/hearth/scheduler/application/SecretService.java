package dev.hearth.scheduler.application;

import dev.hearth.domain.function.FunctionManifest;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.security.Caller;
import java.util.List;
import java.util.Map;

/**
 * A function's secrets: its owner (or an admin) sets, rotates (sets again) and deletes them and
 * lists their names and versions; values are stored encrypted and leave Hearth only in an
 * invocation request, for the trusted portions that name them.
 */
public interface SecretService {

    /**
     * @return the secret's name and new version, and whether it was created now
     * @throws HearthException FUNCTION_NOT_FOUND: missing, or not the caller's to manage
     * @throws HearthException INVALID_SECRET: a bad name, or a value missing or too long
     */
    Stored set(Caller caller, String functionName, String secretName, String value);

    /**
     * @throws HearthException FUNCTION_NOT_FOUND: missing or not the caller's
     * @throws HearthException SECRET_NOT_FOUND: no such secret
     */
    void delete(Caller caller, String functionName, String secretName);

    /** @throws HearthException FUNCTION_NOT_FOUND: missing, or not the caller's to manage */
    List<SecretView> list(Caller caller, String functionName);

    /**
     * The values an invocation hands out: per trusted portion, the secrets it names that are set
     * (secret name to value). A named secret that is not set is left out.
     */
    Map<String, Map<String, String>> forInvocation(FunctionEntity function, FunctionManifest manifest);

    /** A secret after {@link #set}, and whether this call created it. */
    record Stored(SecretView secret, boolean created) {}
}
