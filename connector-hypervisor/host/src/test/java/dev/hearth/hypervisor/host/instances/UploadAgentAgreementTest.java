package dev.hearth.hypervisor.host.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.ArchiveListing;
import dev.hearth.domain.function.EgressDestination;
import dev.hearth.domain.function.ManifestRules;
import dev.hearth.domain.function.ManifestVerdict;
import dev.hearth.domain.function.RawManifest;
import dev.hearth.domain.function.RawManifest.RawPolicy;
import dev.hearth.domain.function.RawManifest.RawPortion;
import dev.hearth.domain.network.DestinationGuard;
import dev.hearth.domain.network.NetworkPolicy;
import dev.hearth.domain.rules.Limits;
import dev.hearth.protocol.wire.InvokeRequest;
import dev.hearth.protocol.wire.PortionSpec;
import dev.hearth.protocol.wire.ResourceLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every name and egress destination the upload accepts, the host agent accepts: else a function
 * deploys and then fails at each invocation. Tried over every printable ASCII character in each
 * position, and the lengths around each rule's longest name.
 */
class UploadAgentAgreementTest {

    private static final ArchiveListing APP = new ArchiveListing(Set.of("hearth.json", "app.py"), Set.of());
    private static final DestinationGuard GUARD = new DestinationGuard(new NetworkPolicy(List.of(), Set.of()));

    /** Names of one and two characters from printable ASCII, and runs of 'a' around {@code longest}. */
    private static List<String> candidates(int longest) {
        List<String> names = new ArrayList<>();
        for (char c = ' '; c <= '~'; c++) {
            names.add(String.valueOf(c));
            names.add("a" + c);
            names.add(c + "a");
        }
        for (int length = longest - 1; length <= longest + 1; length++) {
            names.add("a".repeat(length));
        }
        return names;
    }

    private static boolean uploadAccepts(RawPortion portion, RawPolicy policy) {
        RawManifest manifest = new RawManifest("python3", null, List.of(portion), policy);
        return ManifestRules.validate("f", manifest, APP, GUARD) instanceof ManifestVerdict.Accepted;
    }

    private static boolean agentAccepts(Check check) {
        try {
            check.run();
            return true;
        } catch (RequestProblem refused) {
            return false;
        }
    }

    private interface Check {
        void run() throws RequestProblem;
    }

    /** Asserts that the agent accepts what the upload accepts, and returns how many the upload accepted. */
    private static int assertAgentAcceptsWhatUploadAccepts(
            List<String> names, Predicate<String> upload, Predicate<String> agent) {
        int accepted = 0;
        for (String name : names) {
            if (upload.test(name)) {
                accepted++;
                assertTrue(agent.test(name), "the upload accepts '" + name + "' but the agent refuses it");
            }
        }
        return accepted;
    }

    @Test
    void portionNames() {
        int accepted = assertAgentAcceptsWhatUploadAccepts(
                candidates(Limits.MAX_PORTION_NAME_CHARS),
                name -> uploadAccepts(new RawPortion(name, ".", "app.handler", null), RawPolicy.EMPTY),
                name -> agentAccepts(
                        () -> InstanceRegistry.checkPortion(PortionSpec.of(name, ".", "app.handler", "untrusted"))));
        // a-z and 0-9 alone (36), after an 'a' with '-' (37), before an 'a' (36), "a" * 62 and 63 (2)
        assertEquals(111, accepted);
    }

    @Test
    void environmentVariableNames() {
        int accepted = assertAgentAcceptsWhatUploadAccepts(
                candidates(Limits.MAX_VARIABLE_NAME_CHARS),
                name -> uploadAccepts(
                        new RawPortion("main", ".", "app.handler", null),
                        new RawPolicy(null, null, null, null, Map.of(name, "v"), null)),
                name -> agentAccepts(() -> InstanceRegistry.checkEnvironment(Map.of(name, "v"))));
        assertTrue(accepted > 100, "letters, digits and '_' in their positions: " + accepted);
    }

    @Test
    void secretNames() {
        int accepted = assertAgentAcceptsWhatUploadAccepts(
                candidates(Limits.MAX_SECRET_NAME_CHARS),
                name -> uploadAccepts(
                        new RawPortion("main", ".", "app.handler", "trusted", null, List.of(name)), RawPolicy.EMPTY),
                name -> agentAccepts(() -> InstanceRegistry.checkSecrets(withSecret(name))));
        assertTrue(accepted > 100, "letters, digits and '_' in their positions: " + accepted);
    }

    @Test
    void egressDestinations() {
        List<String> destinations = new ArrayList<>(List.of(
                "api.example.com:443",
                "API.Example.COM:443",
                "api.example.com:0443",
                "example.com.:443",
                "8.8.8.8:53",
                "[2606:4700::1111]:443",
                "[::ffff:8.8.8.8]:443",
                "xn--bcher-kva.example:8443",
                "a:1",
                "x-1.y.z:65535"));
        for (char c = ' '; c <= '~'; c++) {
            destinations.add("a" + c + "b.example:443");
        }
        int accepted = assertAgentAcceptsWhatUploadAccepts(
                destinations,
                destination -> EgressDestination.problem(destination, GUARD).isEmpty(),
                destination -> agentAccepts(() -> InstanceRegistry.checkEgress(List.of(destination))));
        assertTrue(accepted >= 10, "accepted: " + accepted);
    }

    private static InvokeRequest withSecret(String name) {
        return new InvokeRequest(
                "i1",
                "f",
                "0".repeat(64),
                "python3",
                "main",
                List.of(PortionSpec.of("main", ".", "app.handler", "trusted")),
                Map.of(),
                new ResourceLimits(Limits.MIN_MEMORY_MB, Limits.MIN_TIMEOUT_MILLIS, 1, 1, 0),
                "{}",
                null,
                List.of(),
                null,
                List.of(),
                Map.of("main", Map.of(name, "value")));
    }
}
