package dev.hearth.scheduler.application;

import dev.hearth.domain.network.DestinationGuard;
import dev.hearth.domain.network.NetworkPolicy;
import dev.hearth.protocol.host.InterfaceAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The destination guard with the admin's allowed private networks as they are now: for the checks
 * at upload and invocation (which cannot know the agent's host), and for the connections this
 * server opens itself (log shipping), which also refuse this server's own addresses.
 */
@ApplicationScoped
public class DestinationGuards {

    @Inject
    SettingsRepository settings;

    /** For an allow-list entry or a log endpoint as written: no DNS, no host's own addresses. */
    public DestinationGuard atUpload() {
        return new DestinationGuard(new NetworkPolicy(settings.settings().allowedPrivateNetworkRanges(), Set.of()));
    }

    /** For a connection this server opens: also refuses every address of this server's interfaces. */
    public DestinationGuard onThisHost() {
        return new DestinationGuard(
                new NetworkPolicy(settings.settings().allowedPrivateNetworkRanges(), InterfaceAddresses.read()));
    }
}
