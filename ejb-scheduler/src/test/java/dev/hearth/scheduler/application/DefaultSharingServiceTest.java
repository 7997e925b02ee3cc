package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.domain.rules.Limits;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.persistence.FunctionGrantEntity;
import dev.hearth.security.Caller;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The most grants a function may have: a new principal past it is refused, granting one again is not new. */
class DefaultSharingServiceTest {

    private static final Caller ALICE = new Caller("alice", Set.of("developer"));

    /** The stored grants, by function name and principal (the table's key). */
    private final Map<String, FunctionGrantEntity> rows = new TreeMap<>();

    private final FunctionEntity hello = new FunctionEntity("hello", "alice", OffsetDateTime.now());
    private final FunctionEntity other = new FunctionEntity("other", "alice", OffsetDateTime.now());
    private final DefaultSharingService service = new DefaultSharingService();

    DefaultSharingServiceTest() {
        service.functions = InMemorySchedules.functions(List.of(hello, other));
        service.grants = new GrantRepository() {
            @Override
            public List<FunctionGrantEntity> of(String functionId) {
                return rows.values().stream()
                        .filter(g -> functionId.equals(g.functionId()))
                        .sorted(Comparator.comparing(FunctionGrantEntity::principal))
                        .toList();
            }

            @Override
            public Optional<FunctionGrantEntity> find(String functionName, String principal) {
                return Optional.ofNullable(rows.get(functionName + " " + principal));
            }

            @Override
            public boolean grantedToAny(String functionId, Collection<String> principals) {
                return of(functionId).stream().anyMatch(g -> principals.contains(g.principal()));
            }

            @Override
            public void removeOfFunction(String functionId) {
                rows.values().removeIf(g -> functionId.equals(g.functionId()));
            }

            @Override
            public void add(FunctionGrantEntity grant) {
                rows.put(grant.functionName() + " " + grant.principal(), grant);
            }

            @Override
            public void remove(FunctionGrantEntity grant) {
                rows.remove(grant.functionName() + " " + grant.principal());
            }
        };
        for (int i = 0; i < Limits.MAX_GRANTS_PER_FUNCTION - 1; i++) {
            service.grant(ALICE, "hello", "user:u" + i);
        }
    }

    @Test
    void theLastGrantIsStoredTheNextRefusedAndAnExistingOneGrantedAgain() {
        assertTrue(service.grant(ALICE, "hello", "role:team").created(), "the 100th principal is new");

        HearthException e = assertThrows(HearthException.class, () -> service.grant(ALICE, "hello", "user:one-more"));
        assertEquals(ProblemType.QUOTA_EXCEEDED, e.type());
        assertEquals(409, e.type().status());
        assertEquals(
                "function 'hello' is granted to 100 principals, the most a function may be; revoke one first,"
                        + " or grant a realm role",
                e.getMessage());
        assertEquals(100, service.grants(ALICE, "hello").size());
        assertFalse(service.grants(ALICE, "hello").stream()
                .anyMatch(g -> g.principal().equals("user:one-more")));

        assertFalse(service.grant(ALICE, "hello", "user:u0").created(), "granting one again is not refused");
        service.revoke(ALICE, "hello", "user:u0");
        assertTrue(service.grant(ALICE, "hello", "user:one-more").created(), "a revoke made room");
    }

    @Test
    void grantsOfAnotherFunctionOrOfADeletedOneOfTheSameNameAreNotCounted() {
        service.grant(ALICE, "hello", "role:team");
        assertTrue(service.grant(ALICE, "other", "user:u0").created(), "another function has its own 100");

        // "hello" deleted and deployed again: a new identity, its predecessor's grants left behind.
        FunctionEntity again = new FunctionEntity("hello", "alice", OffsetDateTime.now());
        service.functions = InMemorySchedules.functions(List.of(again, other));
        assertTrue(service.grant(ALICE, "hello", "user:u0").created(), "the lapsed grant is replaced, not counted");
        assertEquals(
                List.of("user:u0"),
                service.grants(ALICE, "hello").stream()
                        .map(GrantView::principal)
                        .toList());
    }
}
