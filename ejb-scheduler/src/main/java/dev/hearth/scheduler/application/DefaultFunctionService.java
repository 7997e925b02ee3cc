package dev.hearth.scheduler.application;

import dev.hearth.domain.function.FunctionManifest;
import dev.hearth.domain.placement.Offer;
import dev.hearth.domain.rules.Limits;
import dev.hearth.manifest.UploadRules;
import dev.hearth.manifest.UploadVerdict;
import dev.hearth.persistence.CodePackageEntity;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.protocol.archive.ArchiveIndex;
import dev.hearth.scheduler.pool.InstancePool;
import dev.hearth.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deploys functions: the archive is checked, its manifest read and judged ({@link UploadRules}, as
 * the CLI judges it before sending), and only then are the
 * code package (kept once per SHA-256) and the function stored, in the one transaction of the call.
 * A code package no function names any more, after a redeploy or a delete, is removed in that
 * transaction too (docs/adr/0052).
 */
@Stateless
public class DefaultFunctionService implements FunctionService {

    @Inject
    FunctionRepository functions;

    @Inject
    CodePackageRepository codePackages;

    @Inject
    DestinationGuards guards;

    @Inject
    ActivationRepository activations;

    @Inject
    AsyncEventStore asyncEvents;

    @Inject
    InvocationRecordRepository records;

    @Inject
    GrantRepository grants;

    @Inject
    SecretRepository secrets;

    @Inject
    ScheduleRepository schedules;

    @Inject
    Event<SchedulesChanged> schedulesChanged;

    @Inject
    Event<FunctionChanged> functionChanged;

    @Inject
    InstancePool pool;

    @Inject
    PoolMaintenance maintenance;

    @Override
    public FunctionView deploy(Caller caller, String name, byte[] archive) {
        Access.requireDeveloperOrAdmin(caller, "deploy functions");
        Optional<FunctionEntity> existing = functions.find(name);
        if (existing.isPresent() && !caller.mayManage(existing.get().owner())) {
            throw new HearthException(ProblemType.ACCESS_DENIED, "function '" + name + "' belongs to another user");
        }
        if (existing.isEmpty() && functions.countOwnedBy(caller.username()) >= Limits.MAX_FUNCTIONS_PER_OWNER) {
            throw new HearthException(
                    ProblemType.QUOTA_EXCEEDED,
                    "you have " + Limits.MAX_FUNCTIONS_PER_OWNER
                            + " functions, the most one user may have; delete one to deploy '" + name + "'");
        }

        UploadVerdict verdict = UploadRules.judge(name, archive, guards.atUpload());
        if (verdict instanceof UploadVerdict.Rejected rejected) {
            throw HearthException.invalidCode(rejected.problems());
        }
        ArchiveIndex code = ((UploadVerdict.Accepted) verdict).code();
        FunctionManifest manifest = ((UploadVerdict.Accepted) verdict).manifest();

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Optional<String> replaced =
                existing.map(FunctionEntity::codeSha256).filter(sha256 -> !sha256.equals(code.sha256()));
        Set<String> stored = codePackages.lock(
                replaced.map(sha256 -> Set.of(sha256, code.sha256())).orElse(Set.of(code.sha256())));
        if (!stored.contains(code.sha256())) {
            codePackages.add(new CodePackageEntity(code.sha256(), archive, now));
        }
        FunctionEntity function = existing.orElseGet(() -> new FunctionEntity(name, caller.username(), now));
        function.useCode(manifest, code.sha256(), archive.length, now);
        if (existing.isEmpty()) {
            functions.add(function);
        }
        replaced.ifPresent(codePackages::removeUnreferenced);
        functionChanged.fire(new FunctionChanged(name));
        return Views.function(function).withWarnings(warnings(manifest));
    }

    /** What the deployer should know: that no host that takes work can run the function now. */
    private List<String> warnings(FunctionManifest manifest) {
        if (!pool.hasHealthyHost()) {
            maintenance.checkHosts();
        }
        Offer offer = Offer.of(
                manifest.runtime(),
                manifest.policy().isolation(),
                pool.snapshot().hosts());
        if (offer instanceof Offer.NotOffered no) {
            return List.of(no.reason() + ": its invocations are refused (503) until an admin adds such a host");
        }
        return List.of();
    }

    @Override
    public List<FunctionView> list(Caller caller) {
        Access.requireDeveloperOrAdmin(caller, "list functions");
        List<FunctionEntity> visible = caller.isAdmin() ? functions.all() : functions.ownedBy(caller.username());
        return visible.stream().map(Views::function).toList();
    }

    @Override
    public FunctionView get(Caller caller, String name) {
        return Views.function(visible(caller, name));
    }

    /**
     * Deletes the function and, in the same transaction, every record of it: activations, log
     * lines, metrics, queued and dead async events with their settings, grants and secrets, and its
     * code package unless another function names it. Whoever deploys the name next starts from nothing.
     */
    @Override
    public void delete(Caller caller, String name) {
        FunctionEntity function = visible(caller, name);
        codePackages.lock(Set.of(function.codeSha256()));
        records.removeOfFunction(function.functionId());
        activations.removeOfFunction(function.functionId());
        asyncEvents.removeOfFunction(function.functionId());
        grants.removeOfFunction(function.functionId());
        secrets.removeOfFunction(function.name());
        schedules.removeOfFunction(function.functionId());
        functions.remove(function);
        codePackages.removeUnreferenced(function.codeSha256());
        functionChanged.fire(new FunctionChanged(name));
        schedulesChanged.fire(new SchedulesChanged());
    }

    private FunctionEntity visible(Caller caller, String name) {
        Access.requireDeveloperOrAdmin(caller, "use functions");
        return functions
                .find(name)
                .filter(f -> caller.mayManage(f.owner()))
                .orElseThrow(() -> new HearthException(ProblemType.FUNCTION_NOT_FOUND, "no function '" + name + "'"));
    }
}
