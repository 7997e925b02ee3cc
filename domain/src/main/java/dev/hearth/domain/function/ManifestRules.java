package dev.hearth.domain.function;

import static dev.hearth.domain.rules.Limits.MAX_CPU_PERCENT;
import static dev.hearth.domain.rules.Limits.MAX_CREDENTIAL_SCOPES;
import static dev.hearth.domain.rules.Limits.MAX_ENVIRONMENT_VALUE_CHARS;
import static dev.hearth.domain.rules.Limits.MAX_ENVIRONMENT_VARIABLES;
import static dev.hearth.domain.rules.Limits.MAX_HANDLER_CHARS;
import static dev.hearth.domain.rules.Limits.MAX_MEMORY_MB;
import static dev.hearth.domain.rules.Limits.MAX_PORTIONS;
import static dev.hearth.domain.rules.Limits.MAX_PROCESSES;
import static dev.hearth.domain.rules.Limits.MAX_SECRETS_PER_PORTION;
import static dev.hearth.domain.rules.Limits.MAX_TIMEOUT_MILLIS;
import static dev.hearth.domain.rules.Limits.MAX_TMP_MB;
import static dev.hearth.domain.rules.Limits.MIN_CPU_PERCENT;
import static dev.hearth.domain.rules.Limits.MIN_MEMORY_MB;
import static dev.hearth.domain.rules.Limits.MIN_PROCESSES;
import static dev.hearth.domain.rules.Limits.MIN_TIMEOUT_MILLIS;
import static dev.hearth.domain.rules.Limits.MIN_TMP_MB;

import dev.hearth.domain.function.RawManifest.RawPolicy;
import dev.hearth.domain.function.RawManifest.RawPortion;
import dev.hearth.domain.network.DestinationGuard;
import dev.hearth.domain.rules.NameRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a function's name and {@code hearth.json} must follow before its code is stored.
 * Pure: it sees the manifest as written and the archive's file list, and reports every problem
 * it finds, one line each, so that the owner can fix them all at once.
 */
public final class ManifestRules {

    public static final String MANIFEST_FILE = "hearth.json";
    /** The {@code egress} value that allows no destination, the default. */
    public static final String NO_EGRESS = "none";

    /** Variables the runtime sets for the code; a manifest may not override them. */
    private static final List<String> RESERVED_VARIABLE_PREFIXES = List.of("AWS_", "_HANDLER", "LAMBDA_", "HEARTH_");

    private ManifestRules() {}

    /** Problems with a function name, empty when it is acceptable. */
    public static List<String> nameProblems(String functionName) {
        if (!NameRule.FUNCTION.accepts(functionName)) {
            return List.of("function name '" + functionName + "' must match " + NameRule.FUNCTION.pattern() + " ("
                    + NameRule.FUNCTION.inWords() + ")");
        }
        return List.of();
    }

    /**
     * Checks a manifest; egress destinations are checked at upload by {@code guard} (the admin's
     * allowed private networks), and again at every connection by the agent.
     */
    public static ManifestVerdict validate(
            String functionName, RawManifest raw, ArchiveListing archive, DestinationGuard guard) {
        List<String> problems = new ArrayList<>(nameProblems(functionName));

        Runtime runtime = null;
        if (raw.runtime() == null) {
            problems.add("runtime is missing (expected " + runtimeChoices() + ")");
        } else {
            runtime = Runtime.byId(raw.runtime()).orElse(null);
            if (runtime == null) {
                problems.add("unknown runtime '" + raw.runtime() + "' (expected " + runtimeChoices() + ")");
            }
        }

        List<Portion> portions = portions(raw.portions(), runtime, archive, problems);
        String sharedPath = sharedPath(raw.sharedPath(), archive, problems);
        folderProblems(portions, sharedPath, problems);
        String entry = entryPortion(raw, problems);
        SecurityPolicy policy = policy(raw.policy() == null ? RawPolicy.EMPTY : raw.policy(), guard, problems);
        boolean hasTrustedPortion = portions.stream().anyMatch(p -> p.trustLevel() == TrustLevel.TRUSTED);
        if (!policy.credentialScopes().isEmpty() && !hasTrustedPortion) {
            problems.add("policy.credentialScopes needs a trusted portion to receive the credential");
        }
        if (!policy.egressAllowList().isEmpty() && !hasTrustedPortion) {
            problems.add("policy.egress needs a trusted portion: only trusted portions may reach the network");
        }
        // A VM has no network device yet: neither egress nor the auxiliary services the credential is for.
        if (policy.isolation() == Isolation.VM && !policy.egressAllowList().isEmpty()) {
            problems.add("policy.egress cannot be combined with policy.isolation \"vm\": a VM has no network yet");
        }
        if (policy.isolation() == Isolation.VM && !policy.credentialScopes().isEmpty()) {
            problems.add("policy.credentialScopes cannot be combined with policy.isolation \"vm\":"
                    + " a VM has no route to the auxiliary services yet");
        }

        if (!problems.isEmpty()) {
            return new ManifestVerdict.Rejected(problems);
        }
        return new ManifestVerdict.Accepted(new FunctionManifest(runtime, entry, portions, policy, sharedPath));
    }

    /** Problems with a secret's name, empty when it is acceptable. */
    public static List<String> secretNameProblems(String name) {
        if (!NameRule.SECRET.accepts(name)) {
            return List.of("secret name '" + name + "' must match " + NameRule.SECRET.pattern() + " ("
                    + NameRule.SECRET.inWords() + ")");
        }
        return List.of();
    }

    /** The declared shared folder, normalised; null when none is declared or it is not acceptable. */
    private static String sharedPath(String raw, ArchiveListing archive, List<String> problems) {
        if (raw == null) {
            return null;
        }
        String path = normalise(raw);
        if (path == null || path.equals(".")) {
            problems.add("sharedPath '" + raw + "' must be a folder inside the archive, not the archive's root");
            return null;
        }
        if (!archive.hasFolder(path)) {
            problems.add("sharedPath '" + raw + "' is not in the archive");
            return null;
        }
        return path;
    }

    /**
     * A container sees its portion's folder and the shared one: neither may hold (or lie inside)
     * a trusted portion's folder when an untrusted portion sees it.
     */
    private static void folderProblems(List<Portion> portions, String sharedPath, List<String> problems) {
        for (Portion trusted : portions) {
            if (trusted.trustLevel() != TrustLevel.TRUSTED) {
                continue;
            }
            for (Portion other : portions) {
                if (other.trustLevel() != TrustLevel.TRUSTED && overlap(trusted.path(), other.path())) {
                    problems.add("portion '" + other.name() + "' is untrusted and its folder '" + other.path()
                            + "' overlaps the folder '" + trusted.path() + "' of trusted portion '" + trusted.name()
                            + "': give each its own folder");
                }
            }
            if (sharedPath != null && overlap(trusted.path(), sharedPath)) {
                problems.add("sharedPath '" + sharedPath + "' overlaps the folder '" + trusted.path()
                        + "' of trusted portion '" + trusted.name() + "', which untrusted portions must not see");
            }
        }
    }

    /** Whether one of two normalised folders is the other or lies inside it. */
    private static boolean overlap(String a, String b) {
        return a.equals(b) || a.equals(".") || b.equals(".") || a.startsWith(b + "/") || b.startsWith(a + "/");
    }

    private static List<Portion> portions(
            List<RawPortion> raw, Runtime runtime, ArchiveListing archive, List<String> problems) {
        if (raw == null || raw.isEmpty()) {
            problems.add("portions is missing or empty (at least one portion is needed)");
            return List.of();
        }
        if (raw.size() > MAX_PORTIONS) {
            problems.add("at most " + MAX_PORTIONS + " portions are allowed, found " + raw.size());
        }
        List<Portion> portions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            RawPortion p = raw.get(i);
            String label = p.name() == null ? "portions[" + i + "]" : "portion '" + p.name() + "'";
            int before = problems.size();
            if (p.name() == null) {
                problems.add(label + ": name is missing");
            } else if (!NameRule.PORTION.accepts(p.name())) {
                problems.add(label + ": name must match " + NameRule.PORTION.pattern());
            } else if (!names.add(p.name())) {
                problems.add("portion name '" + p.name() + "' is used more than once");
            }
            TrustLevel trust = TrustLevel.UNTRUSTED;
            if (p.trustLevel() != null) {
                trust = TrustLevel.byId(p.trustLevel()).orElse(null);
                if (trust == null) {
                    problems.add(
                            label + ": unknown trust level '" + p.trustLevel() + "' (expected trusted or untrusted)");
                }
            }
            String path = normalise(p.path());
            if (path == null) {
                problems.add(label + ": path '" + p.path() + "' must be a relative folder inside the archive");
            } else if (!archive.hasFolder(path)) {
                problems.add(label + ": path '" + p.path() + "' is not in the archive");
            } else if (runtime != null) {
                codeProblem(label, runtime, path, p.handler(), archive).ifPresent(problems::add);
            }
            Map<String, String> environment = environment("portions[" + i + "].environment", p.environment(), problems);
            List<String> secrets = secrets(label, trust, p.secrets(), problems);
            if (problems.size() == before) {
                portions.add(new Portion(
                        p.name(), path, p.handler() == null ? "" : p.handler(), trust, environment, secrets));
            }
        }
        return portions;
    }

    /** Whether the portion's folder holds what its runtime will start. */
    private static Optional<String> codeProblem(
            String label, Runtime runtime, String path, String handler, ArchiveListing archive) {
        if (runtime == Runtime.PROVIDED) {
            String bootstrap = inFolder(path, "bootstrap");
            if (!archive.isExecutable(bootstrap)) {
                return Optional.of(label + ": runtime provided needs an executable bootstrap at '" + bootstrap + "'");
            }
            return Optional.empty();
        }
        if (handler != null && handler.length() > MAX_HANDLER_CHARS) {
            return Optional.of(label + ": handler is longer than " + MAX_HANDLER_CHARS + " characters");
        }
        if (handler != null && handler.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(label + ": handler holds a control character");
        }
        int dot = handler == null ? -1 : handler.lastIndexOf('.');
        if (dot <= 0 || dot == handler.length() - 1) {
            return Optional.of(label + ": handler '" + handler + "' must name module.function (e.g. app.handler)");
        }
        String module = handler.substring(0, dot).replace('.', '/');
        List<String> candidates = runtime == Runtime.PYTHON3
                ? List.of(inFolder(path, module + ".py"), inFolder(path, module + "/__init__.py"))
                : List.of(
                        inFolder(path, module + ".js"),
                        inFolder(path, module + ".mjs"),
                        inFolder(path, module + ".cjs"));
        if (candidates.stream().noneMatch(archive::hasFile)) {
            return Optional.of(label + ": handler module not found (looked for '" + candidates.get(0) + "')");
        }
        return Optional.empty();
    }

    private static String entryPortion(RawManifest raw, List<String> problems) {
        if (raw.portions() == null || raw.portions().isEmpty()) {
            return raw.entryPortion();
        }
        if (raw.entryPortion() == null) {
            if (raw.portions().size() == 1) {
                return raw.portions().get(0).name();
            }
            problems.add("entryPortion is missing (needed when there is more than one portion)");
            return null;
        }
        boolean declared =
                raw.portions().stream().anyMatch(p -> raw.entryPortion().equals(p.name()));
        if (!declared) {
            problems.add("entry portion '" + raw.entryPortion() + "' is not among the portions");
        }
        return raw.entryPortion();
    }

    private static SecurityPolicy policy(RawPolicy raw, DestinationGuard guard, List<String> problems) {
        SecurityPolicy defaults = SecurityPolicy.DEFAULT;
        int memoryMb = (int)
                within("policy.memoryMb", raw.memoryMb(), defaults.memoryMb(), MIN_MEMORY_MB, MAX_MEMORY_MB, problems);
        long timeout = within(
                "policy.timeoutMillis",
                raw.timeoutMillis(),
                defaults.timeoutMillis(),
                MIN_TIMEOUT_MILLIS,
                MAX_TIMEOUT_MILLIS,
                problems);
        int processes = (int) within(
                "policy.maxProcesses",
                raw.maxProcesses(),
                defaults.maxProcesses(),
                MIN_PROCESSES,
                MAX_PROCESSES,
                problems);
        int tmpMb = (int) within("policy.tmpMb", raw.tmpMb(), defaults.tmpMb(), MIN_TMP_MB, MAX_TMP_MB, problems);
        int cpuPercent = (int) within(
                "policy.cpuPercent",
                raw.cpuPercent(),
                defaults.cpuPercent(),
                MIN_CPU_PERCENT,
                MAX_CPU_PERCENT,
                problems);

        Map<String, String> environment = environment("policy.environment", raw.environment(), problems);

        return new SecurityPolicy(
                memoryMb,
                timeout,
                processes,
                tmpMb,
                cpuPercent,
                environment,
                egressAllowList(raw.egress(), guard, problems),
                credentialScopes(raw.credentialScopes(), problems),
                isolation(raw.isolation(), problems));
    }

    /** The variables of {@code field} (the function's, or one portion's), each checked. */
    private static Map<String, String> environment(String field, Map<String, String> raw, List<String> problems) {
        Map<String, String> environment = raw == null ? Map.of() : raw;
        if (environment.size() > MAX_ENVIRONMENT_VARIABLES) {
            problems.add(field + " may hold at most " + MAX_ENVIRONMENT_VARIABLES + " variables");
        }
        environment.keySet().stream().sorted().forEach(name -> {
            if (!NameRule.ENVIRONMENT_VARIABLE.accepts(name)) {
                problems.add(field + ": '" + name + "' is not a valid variable name");
            } else if (RESERVED_VARIABLE_PREFIXES.stream().anyMatch(name::startsWith)) {
                problems.add(field + ": '" + name + "' is reserved for the runtime");
            }
            String value = environment.get(name);
            if (value.length() > MAX_ENVIRONMENT_VALUE_CHARS) {
                problems.add(field + "." + name + " is longer than " + MAX_ENVIRONMENT_VALUE_CHARS + " characters");
            } else if (value.indexOf('\0') >= 0) {
                problems.add(field + "." + name + " holds a NUL character, which no environment can");
            }
        });
        return environment;
    }

    /** The secrets a portion names: valid names, at most a few, and for a trusted portion only. */
    private static List<String> secrets(String label, TrustLevel trust, List<String> raw, List<String> problems) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        if (trust != TrustLevel.TRUSTED) {
            problems.add(label + " is not trusted: only trusted portions may name secrets (it names "
                    + String.join(", ", raw) + ")");
            return List.of();
        }
        if (raw.size() > MAX_SECRETS_PER_PORTION) {
            problems.add(label + ": at most " + MAX_SECRETS_PER_PORTION + " secrets may be named");
        }
        raw.forEach(name -> secretNameProblems(name).forEach(problem -> problems.add(label + ": " + problem)));
        return raw.stream().distinct().toList();
    }

    private static Isolation isolation(String raw, List<String> problems) {
        if (raw == null) {
            return SecurityPolicy.DEFAULT.isolation();
        }
        return Isolation.byId(raw).orElseGet(() -> {
            problems.add("unknown policy.isolation '" + raw + "' (expected sandbox or vm)");
            return SecurityPolicy.DEFAULT.isolation();
        });
    }

    /** {@code "none"} alone, or {@code host:port} destinations. */
    private static List<String> egressAllowList(List<String> raw, DestinationGuard guard, List<String> problems) {
        if (raw == null || raw.equals(List.of(NO_EGRESS))) {
            return List.of();
        }
        if (raw.size() > EgressDestination.MAX_DESTINATIONS) {
            problems.add("policy.egress may name at most " + EgressDestination.MAX_DESTINATIONS + " destinations");
        }
        List<String> allowList = new ArrayList<>();
        for (String destination : raw) {
            if (destination.equals(NO_EGRESS)) {
                problems.add("policy.egress: 'none' cannot be combined with destinations");
                continue;
            }
            EgressDestination.problem(destination, guard)
                    .ifPresentOrElse(
                            problem -> problems.add("policy.egress: " + problem),
                            () -> allowList.add(EgressDestination.normalise(destination)));
        }
        return allowList.stream().distinct().toList();
    }

    private static Set<String> credentialScopes(List<String> raw, List<String> problems) {
        if (raw == null) {
            return Set.of();
        }
        if (raw.size() > MAX_CREDENTIAL_SCOPES) {
            problems.add("policy.credentialScopes may name at most " + MAX_CREDENTIAL_SCOPES + " scopes");
        }
        raw.stream()
                .filter(scope -> !NameRule.CREDENTIAL_SCOPE.accepts(scope))
                .forEach(scope -> problems.add(
                        "policy.credentialScopes: '" + scope + "' is not a scope (service:right, e.g. kv:read)"));
        return new HashSet<>(raw);
    }

    private static long within(String field, Long value, long fallback, long min, long max, List<String> problems) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            problems.add(field + " must be between " + min + " and " + max);
            return fallback;
        }
        return value;
    }

    /**
     * The portion's folder without {@code ./} or trailing slashes; {@code .} for the root or a
     * missing path; {@code null} when it would leave the archive.
     */
    private static String normalise(String path) {
        if (path == null) {
            return ".";
        }
        String p = path.strip();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty() || p.equals(".")) {
            return ".";
        }
        if (p.startsWith("/")
                || p.contains("\\")
                || Arrays.asList(p.split("/")).stream().anyMatch(s -> s.isEmpty() || s.equals("..") || s.equals("."))) {
            return null;
        }
        return p;
    }

    private static String inFolder(String folder, String file) {
        return folder.equals(".") ? file : folder + "/" + file;
    }

    private static String runtimeChoices() {
        List<String> ids = Arrays.stream(Runtime.values()).map(Runtime::id).toList();
        return String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    }
}
