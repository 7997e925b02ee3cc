package dev.hearth.domain.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.function.RawManifest.RawPolicy;
import dev.hearth.domain.function.RawManifest.RawPortion;
import dev.hearth.domain.network.AddressRange;
import dev.hearth.domain.network.DestinationGuard;
import dev.hearth.domain.network.NetworkPolicy;
import dev.hearth.domain.rules.Limits;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestRulesTest {

    /** An admin allowed 10.1.0.0/16. */
    private static final DestinationGuard GUARD =
            new DestinationGuard(new NetworkPolicy(List.of(AddressRange.parse("10.1.0.0/16")), Set.of()));

    private static final ArchiveListing PYTHON_APP =
            new ArchiveListing(Set.of("hearth.json", "src/app.py", "helper/creds.py"), Set.of());
    private static final ArchiveListing BASH_APP =
            new ArchiveListing(Set.of("hearth.json", "bootstrap", "fn/bootstrap", "fn/lib.sh"), Set.of("bootstrap"));

    private static RawPortion portion(String name, String path, String handler, String trust) {
        return new RawPortion(name, path, handler, trust);
    }

    private static List<String> problems(String name, RawManifest raw, ArchiveListing archive) {
        return assertInstanceOf(ManifestVerdict.Rejected.class, ManifestRules.validate(name, raw, archive, GUARD))
                .problems();
    }

    @Test
    void acceptsTwoPortionsWithPolicyAndFillsDefaults() {
        RawManifest raw = new RawManifest(
                "python3",
                "main",
                List.of(
                        portion("main", "./src/", "app.handler", null),
                        portion("creds", "helper", "creds.handler", "trusted")),
                new RawPolicy(256L, null, null, null, Map.of("GREETING", "hi"), List.of("none")));

        FunctionManifest manifest = assertInstanceOf(
                        ManifestVerdict.Accepted.class, ManifestRules.validate("hello-1", raw, PYTHON_APP, GUARD))
                .manifest();

        assertEquals(Runtime.PYTHON3, manifest.runtime());
        assertEquals(new Portion("main", "src", "app.handler", TrustLevel.UNTRUSTED), manifest.entry());
        assertEquals(TrustLevel.TRUSTED, manifest.portions().get(1).trustLevel());
        assertEquals(256, manifest.policy().memoryMb());
        assertEquals(SecurityPolicy.DEFAULT.timeoutMillis(), manifest.policy().timeoutMillis());
        assertEquals(Map.of("GREETING", "hi"), manifest.policy().environment());
    }

    @Test
    void aTrustedPortionMayAskForCredentialScopes() {
        RawManifest raw = new RawManifest(
                "python3",
                "main",
                List.of(
                        portion("main", "src", "app.handler", null),
                        portion("creds", "helper", "creds.handler", "trusted")),
                new RawPolicy(null, null, null, null, null, null, List.of("kv:read", "kv:write"), null, null));

        FunctionManifest manifest = assertInstanceOf(
                        ManifestVerdict.Accepted.class, ManifestRules.validate("kv", raw, PYTHON_APP, GUARD))
                .manifest();

        assertEquals(Set.of("kv:read", "kv:write"), manifest.policy().credentialScopes());
    }

    @Test
    void credentialScopesNeedATrustedPortionAndTheScopeForm() {
        RawManifest raw = new RawManifest(
                "python3",
                "main",
                List.of(portion("main", "src", "app.handler", "untrusted")),
                new RawPolicy(null, null, null, null, null, null, List.of("kv:read", "everything"), null, null));

        assertEquals(
                List.of(
                        "policy.credentialScopes: 'everything' is not a scope (service:right, e.g. kv:read)",
                        "policy.credentialScopes needs a trusted portion to receive the credential"),
                problems("kv", raw, PYTHON_APP));
    }

    @Test
    void aSinglePortionIsTheEntryWithoutSayingSo() {
        RawManifest raw = new RawManifest("provided", null, List.of(portion("main", null, null, null)), null);

        FunctionManifest manifest = assertInstanceOf(
                        ManifestVerdict.Accepted.class, ManifestRules.validate("bash", raw, BASH_APP, GUARD))
                .manifest();

        assertEquals("main", manifest.entryPortion());
        assertEquals(".", manifest.entry().path());
        assertEquals(SecurityPolicy.DEFAULT, manifest.policy());
    }

    @Test
    void namesAnUnknownRuntimeAndTheChoices() {
        RawManifest raw = new RawManifest("cobol", null, List.of(portion("main", ".", "app.handler", null)), null);

        assertEquals(
                List.of("unknown runtime 'cobol' (expected provided, python3 or nodejs)"),
                problems("f", raw, PYTHON_APP));
    }

    @Test
    void entryMustBeAmongThePortions() {
        RawManifest raw =
                new RawManifest("python3", "main", List.of(portion("other", "src", "app.handler", null)), null);

        assertEquals(List.of("entry portion 'main' is not among the portions"), problems("f", raw, PYTHON_APP));
    }

    @Test
    void portionPathMustBeInTheArchiveAndInsideIt() {
        RawManifest raw = new RawManifest(
                "python3",
                "main",
                List.of(portion("main", "lib", "app.handler", null), portion("up", "../etc", "x.y", null)),
                null);

        assertEquals(
                List.of(
                        "portion 'main': path 'lib' is not in the archive",
                        "portion 'up': path '../etc' must be a relative folder inside the archive"),
                problems("f", raw, PYTHON_APP));
    }

    @Test
    void providedNeedsAnExecutableBootstrapInTheFolder() {
        RawManifest raw = new RawManifest("provided", null, List.of(portion("main", "fn", null, null)), null);

        assertEquals(
                List.of("portion 'main': runtime provided needs an executable bootstrap at 'fn/bootstrap'"),
                problems("f", raw, BASH_APP));
    }

    @Test
    void pythonHandlerModuleMustExist() {
        RawManifest raw =
                new RawManifest("python3", null, List.of(portion("main", "src", "missing.handler", null)), null);

        assertEquals(
                List.of("portion 'main': handler module not found (looked for 'src/missing.py')"),
                problems("f", raw, PYTHON_APP));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        RawManifest raw = new RawManifest(
                "python3",
                "main",
                List.of(portion("main", "src", "app.handler", "root"), portion("main", "src", "app.handler", null)),
                new RawPolicy(8192L, 50L, 0L, null, Map.of("AWS_REGION", "x", "1BAD", "y"), List.of("internet")));

        List<String> problems = problems("Bad_Name", raw, PYTHON_APP);

        assertEquals(
                List.of(
                        "function name 'Bad_Name' must match [a-z0-9][a-z0-9-]{0,62}"
                                + " (lower-case letters, digits and dashes, at most 63)",
                        "portion 'main': unknown trust level 'root' (expected trusted or untrusted)",
                        "portion name 'main' is used more than once",
                        "policy.memoryMb must be between 16 and 4096",
                        "policy.timeoutMillis must be between 100 and 60000",
                        "policy.maxProcesses must be between 1 and 1024",
                        "policy.environment: '1BAD' is not a valid variable name",
                        "policy.environment: 'AWS_REGION' is reserved for the runtime",
                        "policy.egress: egress destination 'internet' is not host:port ([address]:port for IPv6)"),
                problems);
    }

    @Test
    void anEgressAllowListIsNormalisedForTheTrustedPortions() {
        RawManifest raw = new RawManifest(
                "python3",
                "main",
                List.of(
                        portion("main", "src", "app.handler", null),
                        portion("creds", "helper", "creds.handler", "trusted")),
                new RawPolicy(null, null, null, null, null, List.of(" API.Example.com:443", "10.1.2.3:8080")));

        FunctionManifest manifest = assertInstanceOf(
                        ManifestVerdict.Accepted.class, ManifestRules.validate("f", raw, PYTHON_APP, GUARD))
                .manifest();

        assertEquals(
                List.of("api.example.com:443", "10.1.2.3:8080"),
                manifest.policy().egressAllowList());
    }

    @Test
    void anEgressEntryIsCheckedByTheAddressItDenotesAndTheAllowedPrivateNetworks() {
        RawManifest raw = new RawManifest(
                "python3",
                "main",
                List.of(portion("main", "src", "app.handler", "trusted")),
                new RawPolicy(
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of("2130706433:4848", "[::ffff:127.0.0.1]:8080", "10.2.0.1:80", "[2606:4700::1111]:443")));

        assertEquals(
                List.of(
                        "policy.egress: egress destination '2130706433:4848' is refused: 127.0.0.1 is loopback"
                                + " (127.0.0.0/8)",
                        "policy.egress: egress destination '[::ffff:127.0.0.1]:8080' is refused: 127.0.0.1 is"
                                + " loopback (127.0.0.0/8)",
                        "policy.egress: egress destination '10.2.0.1:80' is refused: 10.2.0.1 is a private network"
                                + " (RFC 1918) (10.0.0.0/8, not among the allowed private networks)"),
                problems("f", raw, PYTHON_APP));
    }

    @Test
    void egressIsRefusedWithoutATrustedPortionOrMixedWithNone() {
        RawManifest raw = new RawManifest(
                "python3",
                "main",
                List.of(portion("main", "src", "app.handler", null)),
                new RawPolicy(null, null, null, null, null, List.of("none", "api.example.com:443")));

        assertEquals(
                List.of(
                        "policy.egress: 'none' cannot be combined with destinations",
                        "policy.egress needs a trusted portion: only trusted portions may reach the network"),
                problems("f", raw, PYTHON_APP));
    }

    @Test
    void aPolicyMayRequireAVirtualMachineAndSetACpuShare() {
        RawManifest vm = new RawManifest(
                "python3",
                "main",
                List.of(portion("main", "src", "app.handler", null)),
                new RawPolicy(null, null, null, null, null, null, null, "vm", 50L));
        RawManifest unknown = new RawManifest(
                "python3",
                "main",
                List.of(portion("main", "src", "app.handler", null)),
                new RawPolicy(null, null, null, null, null, null, null, "container", 1000L));

        SecurityPolicy policy = assertInstanceOf(
                        ManifestVerdict.Accepted.class, ManifestRules.validate("f", vm, PYTHON_APP, GUARD))
                .manifest()
                .policy();
        assertEquals(Isolation.VM, policy.isolation());
        assertEquals(50, policy.cpuPercent());
        assertEquals(
                List.of(
                        "policy.cpuPercent must be between 5 and 400",
                        "unknown policy.isolation 'container' (expected sandbox or vm)"),
                problems("f", unknown, PYTHON_APP));
    }

    @Test
    void aVirtualMachineIsRefusedEgressAndCredentialScopesUntilItHasANetwork() {
        RawManifest vmWithBoth = new RawManifest(
                "python3",
                "main",
                List.of(portion("main", "src", "app.handler", "trusted")),
                new RawPolicy(
                        null, null, null, null, null, List.of("api.example.com:443"), List.of("kv:read"), "vm", null));
        RawManifest sandboxWithBoth = new RawManifest(
                "python3",
                "main",
                List.of(portion("main", "src", "app.handler", "trusted")),
                new RawPolicy(
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of("api.example.com:443"),
                        List.of("kv:read"),
                        "sandbox",
                        null));

        assertEquals(
                List.of(
                        "policy.egress cannot be combined with policy.isolation \"vm\": a VM has no network yet",
                        "policy.credentialScopes cannot be combined with policy.isolation \"vm\": a VM has no route"
                                + " to the auxiliary services yet"),
                problems("f", vmWithBoth, PYTHON_APP));
        assertInstanceOf(
                ManifestVerdict.Accepted.class, ManifestRules.validate("f", sandboxWithBoth, PYTHON_APP, GUARD));
    }

    @Test
    void needsPortionsAndARuntime() {
        List<String> problems = problems("f", new RawManifest(null, null, null, null), PYTHON_APP);

        assertEquals(
                List.of(
                        "runtime is missing (expected provided, python3 or nodejs)",
                        "portions is missing or empty (at least one portion is needed)"),
                problems);
    }

    @Test
    void functionNamesFollowTheRule() {
        assertTrue(ManifestRules.nameProblems("a").isEmpty());
        assertTrue(ManifestRules.nameProblems("0-hello-world").isEmpty());
        assertTrue(ManifestRules.nameProblems("a".repeat(63)).isEmpty());
        assertEquals(1, ManifestRules.nameProblems("a".repeat(64)).size());
        assertEquals(1, ManifestRules.nameProblems("-a").size());
        assertEquals(1, ManifestRules.nameProblems("").size());
        assertEquals(1, ManifestRules.nameProblems(null).size());
    }

    @Test
    void environmentValuesAndHandlersFitWhereTheyAreStoredAndRun() {
        RawManifest raw = new RawManifest(
                "python3",
                null,
                List.of(portion("main", "src", "app." + "h".repeat(Limits.MAX_HANDLER_CHARS), null)),
                new RawPolicy(
                        null,
                        null,
                        null,
                        null,
                        Map.of("LONG", "v".repeat(Limits.MAX_ENVIRONMENT_VALUE_CHARS + 1), "NUL", "a\0b"),
                        null));
        RawManifest controlInHandler =
                new RawManifest("python3", null, List.of(portion("main", "src", "app.hand\u001Bler", null)), null);

        assertEquals(
                List.of(
                        "portion 'main': handler is longer than 512 characters",
                        "policy.environment.LONG is longer than 4096 characters",
                        "policy.environment.NUL holds a NUL character, which no environment can"),
                problems("f", raw, PYTHON_APP));
        assertEquals(
                List.of("portion 'main': handler holds a control character"),
                problems("f", controlInHandler, PYTHON_APP));
    }

    private static final ArchiveListing SPLIT_APP = new ArchiveListing(
            Set.of("hearth.json", "front/app.py", "vault/app.py", "vault/lib/x.py", "lib/util.py"), Set.of());

    @Test
    void eachPortionHasItsOwnVariablesAndATrustedOneItsSecretsBesideASharedFolder() {
        RawManifest raw = new RawManifest(
                "python3",
                "front",
                List.of(
                        new RawPortion("front", "front", "app.handler", "untrusted", Map.of("MODE", "public"), null),
                        new RawPortion(
                                "vault",
                                "vault",
                                "app.handler",
                                "trusted",
                                Map.of("TABLE", "orders"),
                                List.of("api_key"))),
                new RawPolicy(null, null, null, null, Map.of("GREETING", "hi"), null),
                "./lib/");

        FunctionManifest manifest = assertInstanceOf(
                        ManifestVerdict.Accepted.class, ManifestRules.validate("split", raw, SPLIT_APP, GUARD))
                .manifest();

        assertEquals(
                new Portion("front", "front", "app.handler", TrustLevel.UNTRUSTED, Map.of("MODE", "public"), List.of()),
                manifest.entry());
        assertEquals(
                new Portion(
                        "vault",
                        "vault",
                        "app.handler",
                        TrustLevel.TRUSTED,
                        Map.of("TABLE", "orders"),
                        List.of("api_key")),
                manifest.portions().get(1));
        assertEquals(List.of("lib"), manifest.sharedPaths());
    }

    @Test
    void anUntrustedPortionNamingSecretsIsRefusedByName() {
        RawManifest raw = new RawManifest(
                "python3",
                "front",
                List.of(new RawPortion("front", "front", "app.handler", "untrusted", null, List.of("api_key"))),
                null);

        assertEquals(
                List.of("portion 'front' is not trusted: only trusted portions may name secrets (it names api_key)"),
                problems("f", raw, SPLIT_APP));
    }

    @Test
    void secretNamesAndPortionVariablesFollowTheRules() {
        RawManifest raw = new RawManifest(
                "python3",
                "vault",
                List.of(new RawPortion(
                        "vault",
                        "vault",
                        "app.handler",
                        "trusted",
                        Map.of("HEARTH_X", "v"),
                        List.of("../key", "ok_1"))),
                null);

        assertEquals(
                List.of(
                        "portions[0].environment: 'HEARTH_X' is reserved for the runtime",
                        "portion 'vault': secret name '../key' must match [A-Za-z_][A-Za-z0-9_]{0,63}"
                                + " (letters, digits and '_', at most 64)"),
                problems("f", raw, SPLIT_APP));
        assertEquals(List.of(), ManifestRules.secretNameProblems("ok_1"));
    }

    @Test
    void noFolderAnUntrustedPortionSeesMayHoldOrLieInATrustedPortionsFolder() {
        RawManifest wholePackage = new RawManifest(
                "python3",
                "front",
                List.of(
                        portion("front", ".", "front.app.handler", "untrusted"),
                        portion("vault", "vault", "app.handler", "trusted")),
                null);
        RawManifest inside = new RawManifest(
                "python3",
                "front",
                List.of(
                        portion("front", "vault/lib", "x.handler", "untrusted"),
                        portion("vault", "vault", "app.handler", "trusted")),
                null);
        RawManifest sharedInside = new RawManifest(
                "python3",
                "front",
                List.of(
                        portion("front", "front", "app.handler", "untrusted"),
                        portion("vault", "vault", "app.handler", "trusted")),
                null,
                "vault/lib");

        assertEquals(
                List.of("portion 'front' is untrusted and its folder '.' overlaps the folder 'vault' of trusted portion"
                        + " 'vault': give each its own folder"),
                problems("f", wholePackage, SPLIT_APP));
        assertEquals(
                List.of("portion 'front' is untrusted and its folder 'vault/lib' overlaps the folder 'vault' of trusted"
                        + " portion 'vault': give each its own folder"),
                problems("f", inside, SPLIT_APP));
        assertEquals(
                List.of("sharedPath 'vault/lib' overlaps the folder 'vault' of trusted portion 'vault', which untrusted"
                        + " portions must not see"),
                problems("f", sharedInside, SPLIT_APP));
    }

    @Test
    void theSharedFolderMustBeAFolderOfTheArchiveButNotItsRoot() {
        RawManifest root =
                new RawManifest("python3", null, List.of(portion("front", "front", "app.handler", null)), null, ".");
        RawManifest missing = new RawManifest(
                "python3", null, List.of(portion("front", "front", "app.handler", null)), null, "common");

        assertEquals(
                List.of("sharedPath '.' must be a folder inside the archive, not the archive's root"),
                problems("f", root, SPLIT_APP));
        assertEquals(List.of("sharedPath 'common' is not in the archive"), problems("f", missing, SPLIT_APP));
    }
}
