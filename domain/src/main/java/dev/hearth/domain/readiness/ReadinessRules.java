package dev.hearth.domain.readiness;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Decides each aspect's {@link Readiness} from what was found. */
public final class ReadinessRules {

    /** What asking one host agent for its host gave: nothing, or why it failed. */
    public record AgentAnswer(String hostId, Optional<String> failure) {}

    /** The connector's default agent URL (glassfish-resources.xml), named when it stands in. */
    public static final String DEFAULT_AGENT_URL = "http://127.0.0.1:9700";

    private ReadinessRules() {}

    /**
     * Ready when every configured agent answered (at least one is always configured: the default
     * URL stands in for a missing setting, which the reason then names).
     *
     * @param urlConfigured whether the administrator set the agent's URL, or the default is used
     */
    public static Readiness hostAgents(boolean urlConfigured, List<AgentAnswer> answers) {
        List<String> failures = answers.stream()
                .filter(a -> a.failure().isPresent())
                .map(a -> "host agent " + a.hostId() + ": " + a.failure().get())
                .toList();
        if (!failures.isEmpty()) {
            String unset = urlConfigured ? "" : "hearth.agent.url is not set, so " + DEFAULT_AGENT_URL + " was tried; ";
            return new Readiness.NotReady(unset + String.join("; ", failures));
        }
        return new Readiness.Ready(answers.stream()
                .map(AgentAnswer::hostId)
                .collect(Collectors.joining(", ", "host agents answer: ", "")));
    }

    /** Ready when the realm's discovery document answered; otherwise why not. */
    public static Readiness realm(String issuer, Optional<String> failure) {
        return failure.<Readiness>map(f -> new Readiness.NotReady("the realm " + issuer
                        + " (mp.jwt.verify.issuer) is not reachable: " + f + "; tokens cannot be checked"))
                .orElseGet(() -> new Readiness.Ready("the realm " + issuer + " answers"));
    }

    /**
     * Ready when every secret setting can be read.
     *
     * @param problems each secret setting's name mapped to why it cannot be read, if it cannot
     */
    public static Readiness secrets(Map<String, Optional<String>> problems) {
        List<String> missing =
                problems.values().stream().flatMap(Optional::stream).sorted().toList();
        return missing.isEmpty()
                ? new Readiness.Ready("all " + problems.size() + " secrets are readable")
                : new Readiness.NotReady(String.join("; ", missing));
    }

    /**
     * The embedded database is ready too: Hearth works on it, and an instance taken out of service
     * for it would stop a trial. Its note says that data there is not for keeping.
     *
     * @param serverResource the server's JDBC resource in use, or empty for the embedded database
     */
    public static Readiness database(Optional<String> serverResource) {
        return new Readiness.Ready(serverResource
                .map(name -> "the JDBC resource " + name)
                .orElse("the embedded H2 database under the domain's folder, for trying Hearth only:"
                        + " set hearth.datasource.jndi-name to a JDBC resource of the server to keep data"));
    }
}
