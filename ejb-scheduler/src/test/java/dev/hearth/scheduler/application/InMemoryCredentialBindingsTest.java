package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.scheduler.application.CredentialBindings.Binding;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryCredentialBindingsTest {

    private final CredentialBindings bindings = new InMemoryCredentialBindings();
    private final Instant now = Instant.now();

    @Test
    void aCredentialIsHeldByEachInvocationBoundToItUntilItsDeadline() {
        Binding credential = credential("jti-1", now.plusSeconds(300));
        bindings.bind(credential, "inv-1", now.plusSeconds(60));
        bindings.bind(credential, "inv-2", now.plusSeconds(120));

        Binding found = bindings.find("jti-1").orElseThrow();

        assertTrue(found.activeAt(now.plusSeconds(90), "inv-2"));
        assertFalse(found.activeAt(now.plusSeconds(90), "inv-1"));
        assertTrue(found.activeAt(now.plusSeconds(90), null));
        assertFalse(found.activeAt(now.plusSeconds(130), null));
        assertEquals(Optional.empty(), bindings.find("jti-other"));
    }

    @Test
    void anInvocationWhoseDeadlinePassedIsDroppedWhenAnotherIsBound() {
        Binding held = credential("jti-2", now.plusSeconds(300))
                .holding("inv-old", now.plusSeconds(1), now)
                .holding("inv-new", now.plusSeconds(60), now.plusSeconds(2));

        assertEquals(Set.of("inv-new"), held.invocations().keySet());
    }

    @Test
    void noInvocationHoldsACredentialPastItsExpiry() {
        bindings.bind(credential("jti-3", now.plusSeconds(30)), "inv-3", now.plusSeconds(60));

        assertFalse(bindings.find("jti-3").orElseThrow().activeAt(now.plusSeconds(31), "inv-3"));
    }

    private static Binding credential(String id, Instant expiresAt) {
        return Binding.of(id, "fn-1", "hello", "owner", "alice", Set.of("logs:write"), expiresAt);
    }
}
