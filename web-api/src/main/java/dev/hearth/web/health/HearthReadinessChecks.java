package dev.hearth.web.health;

import dev.hearth.domain.readiness.Readiness;
import dev.hearth.domain.readiness.ReadinessRules;
import dev.hearth.domain.readiness.ReadinessRules.AgentAnswer;
import dev.hearth.persistence.datasource.DataSourceChoice;
import dev.hearth.scheduler.application.HypervisorGateway;
import dev.hearth.security.setting.SecretSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Gathers what each readiness aspect depends on, asks {@link ReadinessRules}, and reports the
 * answer: UP with a {@code note}, or DOWN with a {@code reason}. Each check answers from its last
 * run for {@link RecentAnswer#FRESH_FOR}; the checks are made once, here, so that every lookup of
 * a producer gets the same one.
 */
@ApplicationScoped
public class HearthReadinessChecks {

    private static final Duration REALM_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(REALM_TIMEOUT).build();

    @Inject
    Config config;

    @Inject
    HypervisorGateway agents;

    private final HealthCheck hostAgents = new RecentAnswer(() -> response(
            "hearth-host-agents",
            ReadinessRules.hostAgents(
                    config.getOptionalValue("hearth.agent.url", String.class).isPresent(),
                    agents.hostIds().stream().map(this::ask).toList())));

    private final HealthCheck realm = new RecentAnswer(() -> {
        String issuer = config.getValue("mp.jwt.verify.issuer", String.class);
        return response("hearth-realm", ReadinessRules.realm(issuer, discoveryFailure(issuer)));
    });

    private final HealthCheck secrets = new RecentAnswer(() -> {
        Map<String, Optional<String>> problems = new LinkedHashMap<>();
        for (String name : SecretSettings.ALL) {
            problems.put(name, unreadable(name));
        }
        return response("hearth-secrets", ReadinessRules.secrets(problems));
    });

    private final HealthCheck database = new RecentAnswer(() -> response(
            "hearth-database",
            ReadinessRules.database(
                    DataSourceChoice.of(config.getOptionalValue(DataSourceChoice.JNDI_NAME_SETTING, String.class))
                                    instanceof DataSourceChoice.ServerResource server
                            ? Optional.of(server.jndiName())
                            : Optional.empty())));

    @Produces
    @org.eclipse.microprofile.health.Readiness
    HealthCheck hostAgents() {
        return hostAgents;
    }

    @Produces
    @org.eclipse.microprofile.health.Readiness
    HealthCheck realm() {
        return realm;
    }

    @Produces
    @org.eclipse.microprofile.health.Readiness
    HealthCheck secrets() {
        return secrets;
    }

    @Produces
    @org.eclipse.microprofile.health.Readiness
    HealthCheck database() {
        return database;
    }

    private AgentAnswer ask(String hostId) {
        try {
            agents.host(hostId);
            return new AgentAnswer(hostId, Optional.empty());
        } catch (RuntimeException e) {
            return new AgentAnswer(hostId, Optional.of(String.valueOf(e.getMessage())));
        }
    }

    /** Why the realm's discovery document could not be fetched, if it could not. */
    private Optional<String> discoveryFailure(String issuer) {
        try {
            HttpResponse<Void> answer = http.send(
                    HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                            .timeout(REALM_TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200
                    ? Optional.empty()
                    : Optional.of("its discovery document answered " + answer.statusCode());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private Optional<String> unreadable(String name) {
        try {
            SecretSettings.source(config, name).bytes();
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static HealthCheckResponse response(String name, Readiness readiness) {
        if (readiness instanceof Readiness.NotReady notReady) {
            return HealthCheckResponse.named(name)
                    .down()
                    .withData("reason", notReady.reason())
                    .build();
        }
        return HealthCheckResponse.named(name)
                .up()
                .withData("note", ((Readiness.Ready) readiness).note())
                .build();
    }
}
