package dev.hearth.scheduler.application;

import dev.hearth.domain.function.FunctionManifest;
import dev.hearth.domain.function.TrustLevel;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.security.Caller;
import dev.hearth.security.credential.CredentialMinter;
import dev.hearth.security.credential.CredentialProfile;
import dev.hearth.security.credential.CredentialRefusedException;
import dev.hearth.security.credential.CredentialUnavailableException;
import dev.hearth.security.credential.MintedCredential;
import dev.hearth.security.credential.TrustLevelTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credential of an invocation's trusted portions: minted by the trust-level table's minter from
 * the caller's token, for the scopes the manifest asks, cached per user, function and scopes while
 * it stays valid for the whole of another invocation (token exchange costs ~26 ms; a warm
 * invocation must not pay it), and bound to each invocation that receives it.
 */
@ApplicationScoped
public class InvocationCredentials {

    /** Per function identity: a function deployed afresh under the same name gets credentials of its own. */
    private record Key(String user, String functionId, Set<String> scopes) {}

    @Inject
    TrustLevelTable trustLevels;

    @Inject
    CredentialMinter minter;

    @Inject
    CredentialBindings bindings;

    private final Map<Key, MintedCredential> cache = new ConcurrentHashMap<>();

    /**
     * Makes sure the invocation can have its credential, minting it now if needed, so that a caller
     * whose roles do not allow the scopes is refused before any code runs.
     *
     * @throws HearthException ACCESS_DENIED: the caller's roles do not allow every scope the function asks for
     * @throws HearthException IDENTITY_PROVIDER_UNAVAILABLE: Keycloak could not be asked
     */
    public void prepare(Caller caller, FunctionEntity function, FunctionManifest manifest) {
        credential(caller, function, manifest);
    }

    /** The credential text for this invocation (null when it gets none), bound to it until its timeout. */
    public String bind(Caller caller, FunctionEntity function, FunctionManifest manifest, String invocationId) {
        Optional<MintedCredential> credential = credential(caller, function, manifest);
        Instant deadline =
                Instant.now().plusMillis(manifest.policy().timeoutMillis() + CredentialBindings.GRACE_MILLIS);
        credential.ifPresent(c -> bindings.bind(
                CredentialBindings.Binding.of(
                        c.id(),
                        function.functionId(),
                        function.name(),
                        function.owner(),
                        caller.username(),
                        c.scopes(),
                        c.expiresAt()),
                invocationId,
                deadline));
        return credential.map(MintedCredential::token).orElse(null);
    }

    /**
     * Whether the function's trusted portions receive a credential, which is minted from the
     * caller's bearer token: such a function runs only while its caller's request is open, never
     * deferred (async, scheduled, in a batch job), because Hearth keeps no token (ADR 30).
     */
    public static boolean needsCallersToken(FunctionManifest manifest) {
        return !manifest.policy().credentialScopes().isEmpty()
                && manifest.portions().stream().anyMatch(p -> p.trustLevel() == TrustLevel.TRUSTED);
    }

    /**
     * Refuses to defer a function that {@link #needsCallersToken needs the caller's token}.
     *
     * @param how what the deferred run is, for the message ("an async invocation", "a schedule")
     * @throws HearthException CREDENTIAL_NEEDS_CALLER: it does
     */
    public static void requireDeferrable(FunctionEntity function, String how) {
        if (needsCallersToken(function.manifest())) {
            throw new HearthException(
                    ProblemType.CREDENTIAL_NEEDS_CALLER,
                    "function '" + function.name() + "' cannot run as " + how
                            + ": its trusted portion receives a credential minted from the caller's token,"
                            + " which Hearth does not keep; invoke it synchronously");
        }
    }

    private Optional<MintedCredential> credential(Caller caller, FunctionEntity function, FunctionManifest manifest) {
        if (!needsCallersToken(manifest)) {
            return Optional.empty();
        }
        Set<String> asked = manifest.policy().credentialScopes();
        CredentialProfile profile = trustLevels
                .profile(TrustLevel.TRUSTED.id())
                .orElseThrow(() -> new HearthException(
                        ProblemType.ACCESS_DENIED,
                        "function '" + function.name()
                                + "' asks for a credential, but trust level trusted receives none here"));
        Set<String> notOffered = new TreeSet<>(asked);
        notOffered.removeAll(profile.scopes());
        if (!notOffered.isEmpty()) {
            throw new HearthException(
                    ProblemType.ACCESS_DENIED,
                    "function '" + function.name() + "' asks for scopes " + notOffered
                            + " that trust level trusted does not offer (it offers " + new TreeSet<>(profile.scopes())
                            + ")");
        }
        long timeoutMillis = manifest.policy().timeoutMillis() + CredentialBindings.GRACE_MILLIS;
        Key key = new Key(caller.username(), function.functionId(), Set.copyOf(asked));
        MintedCredential cached = cache.get(key);
        if (cached != null && Instant.now().plusMillis(timeoutMillis).isBefore(cached.expiresAt())) {
            return Optional.of(cached);
        }
        MintedCredential minted = mint(caller, function, profile, asked);
        if (!Instant.now().plusMillis(timeoutMillis).isBefore(minted.expiresAt())) {
            throw new HearthException(
                    ProblemType.IDENTITY_PROVIDER_UNAVAILABLE,
                    "Keycloak minted a credential that expires before the invocation's"
                            + " timeout: raise access.token.lifespan of client " + profile.client());
        }
        cache.put(key, minted);
        return Optional.of(minted);
    }

    private MintedCredential mint(
            Caller caller, FunctionEntity function, CredentialProfile profile, Set<String> asked) {
        String token = caller.token()
                .orElseThrow(() -> new HearthException(
                        ProblemType.ACCESS_DENIED,
                        "function '" + function.name()
                                + "' needs a credential, which needs the caller's bearer token"));
        MintedCredential minted;
        try {
            minted = minter.mint(token, profile, asked);
        } catch (CredentialRefusedException e) {
            throw refused(caller, function, asked, asked);
        } catch (CredentialUnavailableException e) {
            throw new HearthException(ProblemType.IDENTITY_PROVIDER_UNAVAILABLE, e.getMessage());
        }
        Set<String> missing = new TreeSet<>(asked);
        missing.removeAll(minted.scopes());
        if (!missing.isEmpty()) {
            throw refused(caller, function, asked, missing);
        }
        return minted;
    }

    private static HearthException refused(
            Caller caller, FunctionEntity function, Set<String> asked, Set<String> missing) {
        return new HearthException(
                ProblemType.ACCESS_DENIED,
                "function '" + function.name() + "' asks for credential scopes "
                        + new TreeSet<>(asked) + "; the realm roles of " + caller.username() + " do not allow "
                        + new TreeSet<>(missing) + ", so it cannot run for them");
    }
}
