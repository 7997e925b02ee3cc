package dev.hearth.domain.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.readiness.ReadinessRules.AgentAnswer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadinessRulesTest {

    private static final AgentAnswer LOCAL_ANSWERED = new AgentAnswer("local", Optional.empty());

    @Test
    void agentsThatAllAnswerAreReadyAndNamed() {
        Readiness readiness = ReadinessRules.hostAgents(true, List.of(LOCAL_ANSWERED));

        assertEquals(new Readiness.Ready("host agents answer: local"), readiness);
    }

    @Test
    void anAgentThatFailsMakesThemNotReadyWithItsReason() {
        AgentAnswer runc = new AgentAnswer("runc", Optional.of("unreachable: connection refused"));

        Readiness readiness = ReadinessRules.hostAgents(true, List.of(LOCAL_ANSWERED, runc));

        assertEquals(new Readiness.NotReady("host agent runc: unreachable: connection refused"), readiness);
    }

    @Test
    void anUnsetAgentUrlIsNamedWhenTheDefaultFails() {
        AgentAnswer none =
                new AgentAnswer("local", Optional.of("unreachable: no shared secret of the host agents is configured"));

        Readiness readiness = ReadinessRules.hostAgents(false, List.of(none));

        Readiness.NotReady notReady = assertInstanceOf(Readiness.NotReady.class, readiness);
        assertTrue(
                notReady.reason().startsWith("hearth.agent.url is not set, so http://127.0.0.1:9700"),
                notReady.reason());
        assertTrue(notReady.reason().contains("no shared secret"), notReady.reason());
    }

    @Test
    void anUnreachableRealmIsNotReadyAndNamesTheSetting() {
        Readiness readiness =
                ReadinessRules.realm("http://127.0.0.1:8180/realms/hearth", Optional.of("connection refused"));

        Readiness.NotReady notReady = assertInstanceOf(Readiness.NotReady.class, readiness);
        assertTrue(notReady.reason().contains("mp.jwt.verify.issuer"), notReady.reason());
        assertTrue(notReady.reason().contains("connection refused"), notReady.reason());
    }

    @Test
    void aRealmThatAnswersIsReady() {
        assertInstanceOf(
                Readiness.Ready.class, ReadinessRules.realm("http://127.0.0.1:8180/realms/hearth", Optional.empty()));
    }

    @Test
    void secretsAreNotReadyWhileOneIsMissingAndSayWhich() {
        Readiness readiness = ReadinessRules.secrets(Map.of(
                "hearth.agent.secret", Optional.empty(),
                "hearth.secrets.key", Optional.of("hearth.secrets.key is not set")));

        assertEquals(new Readiness.NotReady("hearth.secrets.key is not set"), readiness);
    }

    @Test
    void secretsThatAreAllReadableAreReady() {
        assertInstanceOf(
                Readiness.Ready.class, ReadinessRules.secrets(Map.of("hearth.agent.secret", Optional.empty())));
    }

    @Test
    void theEmbeddedDatabaseIsReadyButSaysItIsNotForKeeping() {
        Readiness readiness = ReadinessRules.database(Optional.empty());

        Readiness.Ready ready = assertInstanceOf(Readiness.Ready.class, readiness);
        assertTrue(ready.note().contains("hearth.datasource.jndi-name"), ready.note());
    }

    @Test
    void aServerResourceIsReadyAndNamed() {
        assertEquals(
                new Readiness.Ready("the JDBC resource jdbc/hearth"),
                ReadinessRules.database(Optional.of("jdbc/hearth")));
    }
}
