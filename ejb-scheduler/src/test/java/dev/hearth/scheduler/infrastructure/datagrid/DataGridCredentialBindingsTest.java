package dev.hearth.scheduler.infrastructure.datagrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.hearth.scheduler.application.CredentialBindings;
import dev.hearth.scheduler.application.CredentialBindings.Binding;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DataGridCredentialBindingsTest {

    private static LoopbackDataGrid grid;
    private static CredentialBindings onFirstMember;
    private static CredentialBindings onSecondMember;
    private static HazelcastInstance das;

    @BeforeAll
    static void twoMembersAndTheDas() throws InterruptedException {
        grid = new LoopbackDataGrid();
        onFirstMember = new DataGridCredentialBindings(grid.startMember());
        onSecondMember = new DataGridCredentialBindings(grid.startMember());
        das = grid.startMemberWithoutHearth();
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void aBindingMadeOnOneMemberIsFoundOnTheOther() {
        Instant now = Instant.now();
        onFirstMember.bind(credential("jti-1", now.plus(Duration.ofMinutes(5))), "inv-1", now.plusSeconds(60));

        Binding found = onSecondMember.find("jti-1").orElseThrow();

        assertEquals("alice", found.user());
        assertEquals("hello", found.functionName());
        assertEquals(Set.of("logs:write", "kv:read"), found.scopes());
        assertTrue(found.activeAt(Instant.now(), "inv-1"));
        assertFalse(found.activeAt(Instant.now(), "inv-other"));
    }

    @Test
    void invocationsBoundOnEitherMemberAllHoldTheCredential() {
        Instant now = Instant.now();
        Binding credential = credential("jti-2", now.plus(Duration.ofMinutes(5)));
        onFirstMember.bind(credential, "inv-a", now.plusSeconds(60));
        onSecondMember.bind(credential, "inv-b", now.plusSeconds(60));

        Binding found = onFirstMember.find("jti-2").orElseThrow();

        assertTrue(found.activeAt(Instant.now(), "inv-a"));
        assertTrue(found.activeAt(Instant.now(), "inv-b"));
    }

    @Test
    void bindingsHoldWhenTheirEntryIsOwnedByAMemberWithoutHearth() {
        String credentialId = LoopbackDataGrid.keyOwnedBy(das, "jti-das-");
        Instant now = Instant.now();
        Binding credential = credential(credentialId, now.plus(Duration.ofMinutes(5)));
        onFirstMember.bind(credential, "inv-a", now.plusSeconds(60));
        onSecondMember.bind(credential, "inv-b", now.plusSeconds(60));

        Binding found = onSecondMember.find(credentialId).orElseThrow();

        assertEquals("alice", found.user());
        assertTrue(found.activeAt(Instant.now(), "inv-a"));
        assertTrue(found.activeAt(Instant.now(), "inv-b"));
    }

    @Test
    void aBindingIsGoneFromEveryMemberOnceItsCredentialExpires() throws InterruptedException {
        Instant now = Instant.now();
        onFirstMember.bind(credential("jti-3", now.plusSeconds(1)), "inv-3", now.plusSeconds(1));
        assertTrue(onSecondMember.find("jti-3").isPresent());

        Optional<Binding> found = onSecondMember.find("jti-3");
        for (int poll = 0; poll < 100 && found.isPresent(); poll++) {
            Thread.sleep(100);
            found = onSecondMember.find("jti-3");
        }

        assertEquals(Optional.empty(), found);
    }

    @Test
    void aCredentialAlreadyExpiredIsNotBound() {
        Instant now = Instant.now();
        onFirstMember.bind(credential("jti-4", now.minusSeconds(1)), "inv-4", now.plusSeconds(60));

        assertEquals(Optional.empty(), onSecondMember.find("jti-4"));
    }

    private static Binding credential(String id, Instant expiresAt) {
        return Binding.of(id, "fn-1", "hello", "owner", "alice", Set.of("logs:write", "kv:read"), expiresAt);
    }
}
