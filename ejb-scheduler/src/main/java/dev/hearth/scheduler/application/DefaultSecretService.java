package dev.hearth.scheduler.application;

import dev.hearth.domain.function.FunctionManifest;
import dev.hearth.domain.function.ManifestRules;
import dev.hearth.domain.function.Portion;
import dev.hearth.domain.rules.Limits;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.persistence.FunctionSecretEntity;
import dev.hearth.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Secrets stored per function and name, sealed by the {@link SecretCipher}; only who may manage the function may touch them. */
@Stateless
public class DefaultSecretService implements SecretService {

    @Inject
    FunctionRepository functions;

    @Inject
    SecretRepository secrets;

    @Inject
    SecretCipher cipher;

    @Override
    public Stored set(Caller caller, String functionName, String secretName, String value) {
        FunctionEntity function = managed(caller, functionName);
        List<String> nameProblems = ManifestRules.secretNameProblems(secretName);
        if (!nameProblems.isEmpty()) {
            throw new HearthException(ProblemType.INVALID_SECRET, nameProblems.get(0));
        }
        if (value == null) {
            throw new HearthException(ProblemType.INVALID_SECRET, "the body needs a \"value\" (a string)");
        }
        if (value.length() > Limits.MAX_SECRET_VALUE_CHARS) {
            throw new HearthException(
                    ProblemType.INVALID_SECRET,
                    "a secret's value holds at most " + Limits.MAX_SECRET_VALUE_CHARS + " characters");
        }
        FunctionSecretEntity secret = secrets.find(function.name(), secretName)
                .filter(existing -> existing.owner().equals(function.owner()))
                .orElse(null);
        boolean created = secret == null;
        if (created && secrets.countOwnedBy(function.owner()) >= Limits.MAX_SECRETS_PER_OWNER) {
            throw new HearthException(
                    ProblemType.QUOTA_EXCEEDED,
                    "the functions of " + function.owner() + " have " + Limits.MAX_SECRETS_PER_OWNER
                            + " secrets, the most one owner may have; delete one to add another");
        }
        if (created) {
            // A previous owner's secret of the same function name lapsed with that function.
            secrets.find(function.name(), secretName).ifPresent(secrets::remove);
            secret = new FunctionSecretEntity(function.name(), secretName, function.owner());
            secrets.add(secret);
        }
        secret.seal(
                cipher.seal(value, context(function.owner(), function.name(), secretName)),
                caller.username(),
                OffsetDateTime.now(ZoneOffset.UTC));
        return new Stored(view(secret), created);
    }

    @Override
    public void delete(Caller caller, String functionName, String secretName) {
        FunctionEntity function = managed(caller, functionName);
        FunctionSecretEntity secret = secrets.find(function.name(), secretName)
                .filter(s -> s.owner().equals(function.owner()))
                .orElseThrow(() -> new HearthException(
                        ProblemType.SECRET_NOT_FOUND,
                        "function '" + functionName + "' has no secret '" + secretName + "'"));
        secrets.remove(secret);
    }

    @Override
    public List<SecretView> list(Caller caller, String functionName) {
        FunctionEntity function = managed(caller, functionName);
        return secrets.of(function.name(), function.owner()).stream()
                .map(DefaultSecretService::view)
                .toList();
    }

    /** On every invocation's path: no transaction of its own, since it only reads. */
    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<String, Map<String, String>> forInvocation(FunctionEntity function, FunctionManifest manifest) {
        List<Portion> naming = manifest.portionsGivenSecrets();
        if (naming.isEmpty()) {
            return Map.of();
        }
        Map<String, FunctionSecretEntity> stored = secrets.of(function.name(), function.owner()).stream()
                .collect(Collectors.toMap(FunctionSecretEntity::secretName, Function.identity()));
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        for (Portion portion : naming) {
            Map<String, String> own = new LinkedHashMap<>();
            for (String name : portion.secrets()) {
                FunctionSecretEntity secret = stored.get(name);
                if (secret != null) {
                    own.put(name, cipher.open(secret.sealed(), context(function.owner(), function.name(), name)));
                }
            }
            values.put(portion.name(), own);
        }
        return values;
    }

    /** What a sealed value is bound to: it opens only for the same owner, function and name. */
    private static String context(String owner, String functionName, String secretName) {
        return owner + "\n" + functionName + "\n" + secretName;
    }

    private FunctionEntity managed(Caller caller, String functionName) {
        return Access.managedFunction(caller, functionName, functions, "manage secrets");
    }

    private static SecretView view(FunctionSecretEntity secret) {
        return new SecretView(
                secret.functionName(), secret.secretName(), secret.version(), secret.updatedBy(), secret.updatedAt());
    }
}
