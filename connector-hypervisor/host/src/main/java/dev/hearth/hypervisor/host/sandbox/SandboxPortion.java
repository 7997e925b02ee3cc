package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.domain.network.NetworkPolicy;
import dev.hearth.hypervisor.host.driver.DriverException;
import dev.hearth.hypervisor.host.driver.Outcome;
import dev.hearth.hypervisor.host.driver.PortionContainer;
import dev.hearth.hypervisor.host.driver.Run;
import dev.hearth.hypervisor.host.driver.RuntimeContract;
import dev.hearth.hypervisor.host.egress.EgressProxy;
import dev.hearth.hypervisor.host.runtimeapi.PendingEvent;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.PortionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One running portion of a sandbox instance: its container and what the agent serves it. A
 * trusted portion's credential and secrets are files in its {@code /run/hearth}, there only while
 * an invocation runs; its egress route is open only then.
 */
final class SandboxPortion implements PortionContainer {

    private final PortionSpec spec;
    private final Launched launched;
    private final long memoryBytes;
    private long oomKillsAtOpen;
    private long forksRefusedAtOpen;

    SandboxPortion(PortionSpec spec, Launched launched, long memoryBytes) {
        this.spec = spec;
        this.launched = launched;
        this.memoryBytes = memoryBytes;
    }

    SandboxContainer container() {
        return launched.container();
    }

    /** The memory its cgroup allows it. */
    long memoryBytes() {
        return memoryBytes;
    }

    @Override
    public Run awaitInit(long timeoutMillis) throws InterruptedException {
        return container().awaitInit(timeoutMillis);
    }

    @Override
    public void open(InvokeRequest request, boolean entry) throws DriverException {
        if (!entry) {
            oomKillsAtOpen = container().cgroup().oomKills();
            forksRefusedAtOpen = container().cgroup().forksRefused();
        }
        if (launched.trusted()) {
            writeCredential(request.credential());
            writeSecrets(request.secretsOf(spec.name()));
        }
        if (launched.egress() != null) {
            launched.egress()
                    .allow(
                            request.egressAllowList() == null ? List.of() : request.egressAllowList(),
                            NetworkPolicy.parseAllowedPrivateNetworks(
                                    request.allowedPrivateNetworks() == null
                                            ? List.of()
                                            : request.allowedPrivateNetworks()),
                            request.auxiliaryUrl() == null ? null : EgressProxy.auxiliaryBase(request.auxiliaryUrl()));
        }
    }

    @Override
    public Run deliver(PendingEvent event, long timeoutMillis) throws DriverException, InterruptedException {
        return container().invoke(event, timeoutMillis);
    }

    @Override
    public void close() {
        if (launched.trusted()) {
            removeCredential();
            SecretFiles.clear(launched.runDir());
        }
        if (launched.egress() != null) {
            launched.egress().closeRoute();
        }
    }

    @Override
    public Outcome.LimitHit limitHitSinceOpen() {
        return Outcome.LimitHit.of(
                container().cgroup().oomKills() - oomKillsAtOpen,
                container().cgroup().forksRefused() - forksRefusedAtOpen);
    }

    @Override
    public long egressDenials() {
        return launched.egress() == null ? 0 : launched.egress().denials();
    }

    @Override
    public boolean idle() {
        return container().idle();
    }

    @Override
    public void stop() {
        launched.stop();
    }

    @Override
    public void release() {
        launched.release();
    }

    /** Replaces the trusted container's credential file in one step; no credential: no file. */
    private void writeCredential(String credential) throws DriverException {
        Path file = launched.runDir().resolve(RuntimeContract.CREDENTIAL_FILE);
        try {
            if (credential == null) {
                Files.deleteIfExists(file);
                return;
            }
            OwnedFiles.replace(launched.runDir(), file, credential);
        } catch (IOException e) {
            throw new DriverException("cannot hand the credential to portion " + spec.name(), e);
        }
    }

    /** Puts exactly the portion's secrets for this invocation into its container, each a file only its uid reads. */
    private void writeSecrets(Map<String, String> secrets) throws DriverException {
        try {
            SecretFiles.write(launched.runDir(), secrets);
        } catch (IOException e) {
            // The message names the portion only: never a secret's value.
            throw new DriverException("cannot hand the secrets to portion " + spec.name(), e);
        }
    }

    private void removeCredential() {
        try {
            Files.deleteIfExists(launched.runDir().resolve(RuntimeContract.CREDENTIAL_FILE));
        } catch (IOException e) {
            // The folder goes with the container; the token expires with the invocation anyway.
        }
    }
}
