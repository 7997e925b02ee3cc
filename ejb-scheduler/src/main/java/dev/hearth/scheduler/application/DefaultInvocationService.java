package dev.hearth.scheduler.application;

import dev.hearth.domain.function.FunctionManifest;
import dev.hearth.domain.function.LogDestination;
import dev.hearth.domain.function.PolicyOverride;
import dev.hearth.domain.function.SecurityPolicy;
import dev.hearth.domain.placement.AgentInstance;
import dev.hearth.domain.placement.InstanceSnapshot;
import dev.hearth.domain.placement.PlacementDecision;
import dev.hearth.domain.placement.PlacementRequest;
import dev.hearth.domain.placement.StartKind;
import dev.hearth.domain.rules.Limits;
import dev.hearth.persistence.ActivationEntity;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.protocol.wire.json.WholeJson;
import dev.hearth.scheduler.pool.Claim;
import dev.hearth.scheduler.pool.InstanceLease;
import dev.hearth.scheduler.pool.InstancePool;
import dev.hearth.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs one invocation: authorise, check the event, let the pool place it, apply the decision on
 * the host agent, record the activation. Runs outside any transaction, so that no transaction is
 * held while the function runs; each store write is its own short transaction. A CDI bean, not an
 * EJB: it holds no state, and the EJB container's plumbing around each call was 8 % of Payara's
 * CPU per invocation (docs/performance.md); a caller's transaction is suspended all the same.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class DefaultInvocationService implements InvocationService {

    /** How often one invocation is placed: once more after the instance it was given was gone. */
    static final int PLACEMENTS = 2;

    private static final Logger LOG = Logger.getLogger(DefaultInvocationService.class.getName());

    @Inject
    FunctionsToRun functions;

    @Inject
    CodePackageRepository codePackages;

    @Inject
    ActivationRecords activations;

    @Inject
    HypervisorGateway gateway;

    @Inject
    InstancePool pool;

    @Inject
    GrantRepository grants;

    @Inject
    SecretService secrets;

    @Inject
    InvocationCredentials credentials;

    @Inject
    PoolMaintenance maintenance;

    @Inject
    ConcurrencyLimits limits;

    @Inject
    SchedulerMetrics metrics;

    @Inject
    LogShipping logShipping;

    /** Where host agents reach the auxiliary services; without it trusted portions cannot. */
    @Inject
    @ConfigProperty(name = "hearth.auxiliary.url")
    Optional<String> auxiliaryUrl;

    @Override
    public InvocationOutcome invoke(
            Caller caller, String functionName, String event, PolicyOverride override, LogDestination logDestination) {
        FunctionEntity function = functions
                .find(functionName)
                .filter(f -> Access.mayInvoke(caller, f, grants))
                .orElseThrow(() ->
                        new HearthException(ProblemType.FUNCTION_NOT_FOUND, "no function '" + functionName + "'"));
        String json = checkedEvent(event);
        // Built once per invocation from the function's columns, and handed on.
        FunctionManifest manifest = function.manifest();
        PolicyOverride.Verdict verdict = override.applyTo(manifest.policy());
        if (verdict instanceof PolicyOverride.Verdict.Refused refused) {
            throw HearthException.policyOverrideRefused(refused.problems());
        }
        SecurityPolicy policy = ((PolicyOverride.Verdict.Narrowed) verdict).policy();
        credentials.prepare(caller, function, manifest);
        InvocationOutcome outcome = limited(caller, function, manifest, policy, json, null);
        if (logDestination != null) {
            logShipping.shipAfter(logDestination, outcome.activation(), ActivationAccess.of(caller, function.owner()));
        }
        return outcome;
    }

    @Override
    public InvocationOutcome invokeDeferred(
            Caller caller, String functionName, String functionId, String event, String activationId) {
        FunctionEntity function = functions
                .find(functionName)
                .filter(f -> f.functionId().equals(functionId) && Access.mayInvoke(caller, f, grants))
                .orElseThrow(() -> new HearthException(
                        ProblemType.FUNCTION_NOT_FOUND,
                        "function '" + functionName + "' is gone or no longer granted to " + caller.username()));
        InvocationCredentials.requireDeferrable(function, "a deferred run (async or in a bulk job)");
        FunctionManifest manifest = function.manifest();
        return limited(caller, function, manifest, manifest.policy(), checkedEvent(event), activationId);
    }

    /** Runs within the caller's and the function's concurrency limits. */
    private InvocationOutcome limited(
            Caller caller,
            FunctionEntity function,
            FunctionManifest manifest,
            SecurityPolicy policy,
            String json,
            String deferredActivationId) {
        try (ConcurrencyLimits.Permit permit = limits.acquire(caller.username(), function.name())) {
            return place(caller, function, manifest, policy, json, permit, deferredActivationId);
        }
    }

    /**
     * An empty event stands for {@code {}}; anything else must be one JSON value of at most
     * {@link Limits#MAX_EVENT_BYTES} bytes.
     */
    static String checkedEvent(String event) {
        if (event == null || event.isBlank()) {
            return "{}";
        }
        if (event.length() > Limits.MAX_EVENT_BYTES
                || event.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_EVENT_BYTES) {
            throw new HearthException(ProblemType.INVALID_EVENT, "the event is larger than 1 MiB");
        }
        try {
            return WholeJson.check(event);
        } catch (JsonException e) {
            throw new HearthException(ProblemType.INVALID_EVENT, "the event is not JSON: " + oneLine(e.getMessage()));
        }
    }

    /**
     * Places the invocation and runs it; an instance that turns out gone (it died, its agent
     * restarted) is forgotten and the invocation placed once more, up to {@link #PLACEMENTS} times.
     */
    private InvocationOutcome place(
            Caller caller,
            FunctionEntity function,
            FunctionManifest manifest,
            SecurityPolicy policy,
            String event,
            ConcurrencyLimits.Permit permit,
            String deferredActivationId) {
        // Before a claim: a secret that does not open fails the invocation with nothing to release.
        // Asked only when a portion is given secrets: the EJB call alone cost 9 % of an invocation.
        Map<String, Map<String, String>> secretValues =
                manifest.portionsGivenSecrets().isEmpty() ? Map.of() : secrets.forInvocation(function, manifest);
        PlacementRequest request = new PlacementRequest(
                function.owner(), manifest.runtime(), policy.isolation(), function.functionId(), function.codeSha256());
        for (int placement = 1; ; placement++) {
            Claim claim = claim(request, permit);
            OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
            long started = System.nanoTime();
            InstanceSnapshot instance;
            InvokeOutcome outcome;
            try (InstanceLease lease = new InstanceLease(pool, claim, request)) {
                if (claim.decision() instanceof PlacementDecision.Cold cold) {
                    cold.evict().ifPresent(victim -> destroyQuietly(victim.hostId(), victim.instanceId()));
                    lease.booted(boot(cold.hostId(), request), Instant.now());
                }
                instance = lease.instance();
                String invocationId = UUID.randomUUID().toString();
                outcome = invokeWithCode(
                        instance,
                        new Invocation(
                                invocationId,
                                function.name(),
                                function.codeSha256(),
                                manifest,
                                policy,
                                event,
                                credentials.bind(caller, function, manifest, invocationId),
                                auxiliaryUrl.orElse(null),
                                limits.current().allowedPrivateNetworks(),
                                secretValues));
                if (outcome instanceof InvokeOutcome.InstanceGone) {
                    lease.gone();
                }
            }
            if (outcome instanceof InvokeOutcome.Invoked invoked) {
                StartKind kind = StartKind.of(claim.decision(), invoked.containersCreated());
                return recorded(
                        caller, function, policy, instance, kind, invoked, startedAt, started, deferredActivationId);
            }
            if (outcome instanceof InvokeOutcome.InstanceGone && placement < PLACEMENTS) {
                continue;
            }
            if (outcome instanceof InvokeOutcome.Failed failed
                    && failed.failure() instanceof HostAgentFailure.Unreachable) {
                // Checked at once, so that placement stops choosing a host that is down.
                maintenance.checkHosts();
            }
            throw unavailable(outcome);
        }
    }

    /** Claims a place for the request, waiting while every instance is busy, or refuses. */
    private Claim claim(PlacementRequest request, ConcurrencyLimits.Permit permit) {
        Claim claim = pool.claim(request, Instant.now());
        if (claim.decision() instanceof PlacementDecision.Reject reject
                && reject.cause() == PlacementDecision.Reject.Cause.NO_HOST
                && !pool.hasHealthyHost()) {
            // No host known yet (the first invocation) or all failed: asked at once, then placed again.
            maintenance.checkHosts();
            if (!pool.hasHealthyHost()) {
                throw new HearthException(ProblemType.HOST_UNAVAILABLE, "no host agent answers");
            }
            claim = pool.claim(request, Instant.now());
        }
        while (claim.decision() instanceof PlacementDecision.Reject reject
                && reject.cause() == PlacementDecision.Reject.Cause.ALL_BUSY
                && permit.awaitRelease()) {
            claim = pool.claim(request, Instant.now());
        }
        if (claim.decision() instanceof PlacementDecision.Reject reject) {
            if (reject.cause() == PlacementDecision.Reject.Cause.ALL_BUSY) {
                metrics.rejected(SchedulerMetrics.Rejection.ALL_BUSY);
                throw new HearthException(
                        ProblemType.TOO_MANY_REQUESTS, "every instance stayed busy: " + reject.reason());
            }
            if (reject.cause() == PlacementDecision.Reject.Cause.RUNTIME_NOT_OFFERED) {
                metrics.rejected(SchedulerMetrics.Rejection.NOT_OFFERED);
                throw new HearthException(ProblemType.NOT_OFFERED, reject.reason());
            }
            metrics.rejected(SchedulerMetrics.Rejection.NO_CAPACITY);
            throw new HearthException(ProblemType.CAPACITY_EXHAUSTED, "no instance available: " + reject.reason());
        }
        return claim;
    }

    /**
     * The invocation ran (its instance released): counts it and stores its activation, or, for a
     * deferred run, reports it as the activation made at acceptance, with its result, unstored.
     */
    private InvocationOutcome recorded(
            Caller caller,
            FunctionEntity function,
            SecurityPolicy policy,
            InstanceSnapshot instance,
            StartKind kind,
            InvokeOutcome.Invoked result,
            OffsetDateTime startedAt,
            long started,
            String deferredActivationId) {
        if (kind == StartKind.WARMING_POOL) {
            // Not before: the new instance's stem cells would take the CPU from this invocation.
            maintenance.refillSoon();
        }
        long durationNanos = System.nanoTime() - started;
        metrics.invoked(kind, durationNanos);
        long durationMillis = durationNanos / 1_000_000;

        boolean deferred = deferredActivationId != null;
        ActivationEntity activation = new ActivationEntity(
                deferred ? deferredActivationId : result.invocationId(),
                function.functionId(),
                function.name(),
                function.owner(),
                caller.username(),
                instance.instanceId(),
                instance.hostId(),
                kind.id(),
                result.status(),
                startedAt,
                result.initMillis(),
                result.runMillis(),
                durationMillis,
                result.logTail(),
                policy.memoryMb());
        // The view first: a record handed over is written on another thread.
        ActivationView view = Views.activation(activation);
        if (!deferred) {
            activations.add(activation);
        }
        return new InvocationOutcome(view, result.payload());
    }

    private AgentInstance boot(String hostId, PlacementRequest request) {
        try {
            return gateway.createInstance(
                    hostId, pool.member(), request.owner(), request.runtime(), request.isolation());
        } catch (HostAgentFailure e) {
            throw unavailable(e);
        }
    }

    /**
     * Invokes; a host that does not hold the code package yet gets it, and the invocation is sent
     * once more. Asking first would cost every hit and cold start a round trip to the agent. A
     * package no longer stored was removed by a redeploy or delete that committed after this
     * invocation read its function (docs/adr/0052): it fails, and invoking again runs the code now.
     */
    private InvokeOutcome invokeWithCode(InstanceSnapshot instance, Invocation invocation) {
        InvokeOutcome outcome = gateway.invoke(instance.hostId(), instance.instanceId(), invocation);
        if (!(outcome instanceof InvokeOutcome.CodeMissing)) {
            return outcome;
        }
        String sha256 = invocation.codeSha256();
        byte[] archive = codePackages
                .content(sha256)
                .orElseThrow(() -> new HearthException(
                        ProblemType.FUNCTION_CHANGED,
                        "function '" + invocation.functionName()
                                + "' was redeployed or deleted while this invocation started; invoke it again"));
        try {
            gateway.uploadCode(instance.hostId(), sha256, archive);
        } catch (HostAgentFailure e) {
            return new InvokeOutcome.Failed(e);
        }
        return gateway.invoke(instance.hostId(), instance.instanceId(), invocation);
    }

    private void destroyQuietly(String hostId, String instanceId) {
        try {
            gateway.destroyInstance(hostId, instanceId);
        } catch (HostAgentFailure e) {
            // Placement already freed the slot; should the agent still hold the instance, the
            // host's next reconciliation destroys it.
            LOG.log(Level.WARNING, "could not destroy instance " + instanceId + ": " + e.getMessage());
        }
    }

    /** Why an invocation that did not run fails: the host could not serve it. */
    private static HearthException unavailable(InvokeOutcome outcome) {
        if (outcome instanceof InvokeOutcome.Failed failed) {
            return unavailable(failed.failure());
        }
        String reason = outcome instanceof InvokeOutcome.InstanceGone gone
                ? gone.reason()
                : ((InvokeOutcome.CodeMissing) outcome).reason();
        return new HearthException(ProblemType.HOST_UNAVAILABLE, "host agent " + oneLine(reason));
    }

    private static HearthException unavailable(HostAgentFailure failure) {
        return new HearthException(ProblemType.HOST_UNAVAILABLE, "host agent " + oneLine(failure.getMessage()));
    }

    private static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s+", " ").strip();
    }
}
