package dev.hearth.scheduler.application;

import dev.hearth.domain.function.FunctionManifest;
import dev.hearth.domain.function.LogDestination;
import dev.hearth.domain.function.PolicyOverride;
import dev.hearth.domain.function.SecurityPolicy;
import dev.hearth.domain.placement.InstanceSnapshot;
import dev.hearth.domain.placement.PlacementDecision;
import dev.hearth.domain.placement.PlacementRequest;
import dev.hearth.domain.placement.StartKind;
import dev.hearth.domain.rules.Limits;
import dev.hearth.hypervisor.api.HostAgentException;
import dev.hearth.hypervisor.api.wire.InstanceView;
import dev.hearth.hypervisor.api.wire.InvokeRequest;
import dev.hearth.hypervisor.api.wire.InvokeResult;
import dev.hearth.hypervisor.api.wire.PortionSpec;
import dev.hearth.hypervisor.api.wire.ResourceLimits;
import dev.hearth.persistence.ActivationEntity;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.scheduler.pool.Claim;
import dev.hearth.scheduler.pool.InstancePool;
import dev.hearth.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs one invocation: authorise, check the event, let the pool place it, apply the decision on
 * the host agent, record the activation. Runs outside any transaction, so that no transaction is
 * held while the function runs; each store write is its own short transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultInvocationService implements InvocationService {

    /** What the agent answers for an instance it does not have. */
    private static final int GONE = 404;

    /** What the agent answers to an invocation whose code package it does not hold. */
    private static final int CODE_NOT_ON_HOST = 409;

    /** Looked up once: {@code Json.createParser} searches for the provider on every call. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private static final Logger LOG = Logger.getLogger(DefaultInvocationService.class.getName());

    @Inject
    FunctionRepository functions;

    @Inject
    CodePackageRepository codePackages;

    @Inject
    ActivationRepository activations;

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
        PolicyOverride.Verdict verdict = override.applyTo(function.manifest().policy());
        if (verdict instanceof PolicyOverride.Verdict.Refused refused) {
            throw HearthException.policyOverrideRefused(refused.problems());
        }
        SecurityPolicy policy = ((PolicyOverride.Verdict.Narrowed) verdict).policy();
        credentials.prepare(caller, function);
        InvocationOutcome outcome;
        try (ConcurrencyLimits.Permit permit = limits.acquire(caller.username(), function.name())) {
            outcome = place(caller, function, policy, json, true, permit);
        }
        if (logDestination != null) {
            logShipping.shipAfter(logDestination, outcome.activation(), ActivationAccess.of(caller, function.owner()));
        }
        return outcome;
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
        try (JsonParser parser = PARSERS.createParser(new StringReader(event))) {
            while (parser.hasNext()) {
                parser.next();
            }
        } catch (JsonException e) {
            throw new HearthException(ProblemType.INVALID_EVENT, "the event is not JSON: " + oneLine(e.getMessage()));
        }
        return event;
    }

    private InvocationOutcome place(
            Caller caller,
            FunctionEntity function,
            SecurityPolicy policy,
            String event,
            boolean mayRetry,
            ConcurrencyLimits.Permit permit) {
        FunctionManifest manifest = function.manifest();
        // Before a claim: a secret that does not open fails the invocation with nothing to release.
        Map<String, Map<String, String>> secretValues = secrets.forInvocation(function, manifest);
        PlacementRequest request =
                new PlacementRequest(function.owner(), manifest.runtime(), policy.isolation(), function.codeSha256());
        knowHost();
        Claim claim = pool.claim(request, Instant.now());
        while (claim.decision() instanceof PlacementDecision.Reject reject
                && reject.cause() == PlacementDecision.Reject.Cause.ALL_BUSY
                && permit.awaitRelease()) {
            claim = pool.claim(request, Instant.now());
        }
        PlacementDecision decision = claim.decision();
        if (decision instanceof PlacementDecision.Reject reject) {
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

        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        long started = System.nanoTime();
        StartKind kind;
        InstanceSnapshot instance;
        if (decision instanceof PlacementDecision.Cold cold) {
            kind = StartKind.COLD;
            cold.evict().ifPresent(victim -> destroyQuietly(victim.hostId(), victim.instanceId()));
            instance = boot(claim.instanceId(), cold.hostId(), request);
        } else if (decision instanceof PlacementDecision.WarmingPoolHit hit) {
            kind = StartKind.WARMING_POOL;
            instance = hit.instance();
        } else {
            kind = StartKind.WARM;
            instance = ((PlacementDecision.Warm) decision).instance();
        }

        InvokeResult result;
        try {
            String invocationId = UUID.randomUUID().toString();
            String credential = credentials.bind(caller, function, invocationId);
            result = invokeWithCode(
                    instance,
                    function.codeSha256(),
                    invokeRequest(
                            invocationId,
                            function,
                            manifest,
                            policy,
                            event,
                            credential,
                            auxiliaryUrl.orElse(null),
                            limits.current().allowedPrivateNetworks(),
                            secretValues));
        } catch (HostAgentException e) {
            if (e.status() == GONE) {
                pool.forget(instance.instanceId());
                if (mayRetry) {
                    return place(caller, function, policy, event, false, permit);
                }
            } else {
                pool.release(instance.instanceId(), Instant.now());
                if (e.unreachable()) {
                    maintenance.checkHosts();
                }
            }
            throw unavailable(e);
        } catch (RuntimeException e) {
            pool.release(instance.instanceId(), Instant.now());
            throw e;
        }
        pool.release(instance.instanceId(), Instant.now());
        if (kind == StartKind.WARMING_POOL) {
            // Not before: the new instance's stem cells would take the CPU from this invocation.
            maintenance.refillSoon();
        }
        long durationNanos = System.nanoTime() - started;
        metrics.invoked(kind, durationNanos);
        long durationMillis = durationNanos / 1_000_000;

        ActivationEntity activation = new ActivationEntity(
                result.invocationId(),
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
                result.logTail());
        activations.add(activation);
        return new InvocationOutcome(Views.activation(activation), result.payload());
    }

    /** Learns the hosts at once when none is known yet (first invocation, or all failed). */
    private void knowHost() {
        if (pool.hasHealthyHost()) {
            return;
        }
        maintenance.checkHosts();
        if (!pool.hasHealthyHost()) {
            throw new HearthException(ProblemType.HOST_UNAVAILABLE, "no host agent answers");
        }
    }

    private InstanceSnapshot boot(String placeholderId, String hostId, PlacementRequest request) {
        InstanceView booted;
        try {
            booted = gateway.createInstance(hostId, request.owner(), request.runtime(), request.isolation());
        } catch (RuntimeException e) {
            pool.bootFailed(placeholderId);
            throw e instanceof HostAgentException agent ? unavailable(agent) : e;
        }
        return pool.booted(placeholderId, booted, request, Instant.now());
    }

    /**
     * Invokes; a host that does not hold the code package yet gets it, and the invocation is sent
     * once more. Asking first would cost every hit and cold start a round trip to the agent.
     */
    private InvokeResult invokeWithCode(InstanceSnapshot instance, String sha256, InvokeRequest request) {
        try {
            return gateway.invoke(instance.hostId(), instance.instanceId(), request);
        } catch (HostAgentException e) {
            if (e.status() != CODE_NOT_ON_HOST) {
                throw e;
            }
            byte[] archive = codePackages
                    .content(sha256)
                    .orElseThrow(() -> new IllegalStateException("code package " + sha256 + " is not stored"));
            gateway.uploadCode(instance.hostId(), sha256, archive);
            return gateway.invoke(instance.hostId(), instance.instanceId(), request);
        }
    }

    private void destroyQuietly(String hostId, String instanceId) {
        try {
            gateway.destroyInstance(hostId, instanceId);
        } catch (HostAgentException e) {
            // Placement already freed the slot; should the agent still hold the instance, the
            // host's next reconciliation destroys it.
            LOG.log(Level.WARNING, "could not destroy instance " + instanceId + ": " + e.getMessage());
        }
    }

    private static InvokeRequest invokeRequest(
            String invocationId,
            FunctionEntity function,
            FunctionManifest manifest,
            SecurityPolicy policy,
            String event,
            String credential,
            String auxiliaryUrl,
            List<String> allowedPrivateNetworks,
            Map<String, Map<String, String>> secretValues) {
        return new InvokeRequest(
                invocationId,
                function.name(),
                function.codeSha256(),
                manifest.runtime().id(),
                manifest.entryPortion(),
                manifest.portions().stream()
                        .map(p -> new PortionSpec(
                                p.name(),
                                p.path(),
                                p.handler(),
                                p.trustLevel().id(),
                                p.environment(),
                                manifest.sharedPaths()))
                        .toList(),
                policy.environment(),
                new ResourceLimits(
                        policy.memoryMb(),
                        policy.timeoutMillis(),
                        policy.maxProcesses(),
                        policy.tmpMb(),
                        policy.cpuPercent()),
                event,
                credential,
                policy.egressAllowList(),
                auxiliaryUrl,
                allowedPrivateNetworks,
                secretValues);
    }

    private static HearthException unavailable(HostAgentException e) {
        String why = e.unreachable() ? "unreachable" : "answered " + e.status();
        return new HearthException(ProblemType.HOST_UNAVAILABLE, "host agent " + why + ": " + oneLine(e.getMessage()));
    }

    private static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s+", " ").strip();
    }
}
