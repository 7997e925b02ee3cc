package dev.hearth.scheduler.application;

import dev.hearth.domain.function.FunctionManifest;
import dev.hearth.domain.function.SecurityPolicy;
import dev.hearth.persistence.ActivationEntity;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.persistence.InvocationRecordEntity;
import java.util.List;

/** Entities as the API shows them. */
final class Views {

    private Views() {}

    static FunctionView function(FunctionEntity function) {
        FunctionManifest manifest = function.manifest();
        SecurityPolicy policy = manifest.policy();
        return new FunctionView(
                function.name(),
                function.owner(),
                manifest.runtime().id(),
                manifest.entryPortion(),
                manifest.portions().stream()
                        .map(p -> new FunctionView.PortionView(
                                p.name(), p.path(), p.handler(), p.trustLevel().id(), p.environment(), p.secrets()))
                        .toList(),
                new FunctionView.PolicyView(
                        policy.memoryMb(),
                        policy.timeoutMillis(),
                        policy.maxProcesses(),
                        policy.tmpMb(),
                        policy.cpuPercent(),
                        policy.environment(),
                        policy.egressAllowList(),
                        policy.isolation().id()),
                function.codeSha256(),
                function.codeSize(),
                function.createdAt(),
                function.updatedAt(),
                manifest.sharedPath(),
                List.of());
    }

    static AuxiliaryService.LogLineView logLine(InvocationRecordEntity line) {
        return new AuxiliaryService.LogLineView(line.recordedAt().toString(), line.name(), line.text(), line.detail());
    }

    static ActivationView activation(ActivationEntity a) {
        return new ActivationView(
                a.id(),
                a.functionName(),
                a.owner(),
                a.caller(),
                a.instanceId(),
                a.hostId(),
                a.startKind(),
                a.status(),
                a.startedAt(),
                a.initMillis(),
                a.runMillis(),
                a.durationMillis(),
                a.logTail(),
                a.result(),
                a.resultTruncated(),
                a.memoryMb().isPresent() ? a.memoryMb().getAsInt() : null);
    }
}
