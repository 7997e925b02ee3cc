package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hearth.domain.rules.Limits;
import dev.hearth.persistence.FunctionEntity;
import dev.hearth.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The most functions an owner may have: a new one past it is refused before its archive is read. */
class DefaultFunctionServiceTest {

    private static final Caller ALICE = new Caller("alice", Set.of("developer"));
    private static final Caller BOB = new Caller("bob", Set.of("developer"));
    private static final byte[] NOT_AN_ARCHIVE = "not an archive".getBytes(StandardCharsets.UTF_8);

    private final DefaultFunctionService service = new DefaultFunctionService();

    DefaultFunctionServiceTest() {
        List<FunctionEntity> alices = IntStream.range(0, Limits.MAX_FUNCTIONS_PER_OWNER)
                .mapToObj(i -> new FunctionEntity("f" + i, "alice", OffsetDateTime.now()))
                .toList();
        service.functions = InMemorySchedules.functions(alices);
        service.guards = new DestinationGuards();
        service.guards.settings = new ListedPoolTargets(new ArrayList<>());
    }

    @Test
    void aNewFunctionPastTheOwnersMostIsRefusedAsQuotaExceeded() {
        HearthException e =
                assertThrows(HearthException.class, () -> service.deploy(ALICE, "one-more", NOT_AN_ARCHIVE));

        assertEquals(ProblemType.QUOTA_EXCEEDED, e.type());
        assertEquals(409, e.type().status());
        assertEquals(
                "you have 100 functions, the most one user may have; delete one to deploy 'one-more'", e.getMessage());
    }

    @Test
    void replacingAFunctionsCodeAndAnotherOwnersNewFunctionAreNotCounted() {
        // Both pass the quota and reach the archive's check, which refuses these bytes.
        assertEquals(
                ProblemType.INVALID_CODE,
                assertThrows(HearthException.class, () -> service.deploy(ALICE, "f7", NOT_AN_ARCHIVE))
                        .type());
        assertEquals(
                ProblemType.INVALID_CODE,
                assertThrows(HearthException.class, () -> service.deploy(BOB, "bobs", NOT_AN_ARCHIVE))
                        .type());
    }
}
