package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import java.time.OffsetDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActivationAccessTest {

    private static final ActivationView RAN_FOR_INVOKER = new ActivationView(
            "act-1",
            "shared",
            "dev",
            "invoker",
            "i-1",
            "local",
            "cold",
            "success",
            OffsetDateTime.parse("2026-12-01T10:00:00Z"),
            400,
            5,
            410,
            "front: secret of the trusted portion\n",
            null,
            false,
            null);

    @Test
    void theOwnerAndAnAdminReadTheWholeActivation() {
        ActivationAccess owner = ActivationAccess.of(new Caller("dev", Set.of(Role.DEVELOPER)), "dev");
        ActivationAccess admin = ActivationAccess.of(new Caller("root", Set.of(Role.ADMIN)), "dev");

        assertInstanceOf(ActivationAccess.Whole.class, owner);
        assertInstanceOf(ActivationAccess.Whole.class, admin);
        assertEquals(RAN_FOR_INVOKER, owner.shown(RAN_FOR_INVOKER));
    }

    @Test
    void anInvokerOrAnotherDeveloperReadsOnlyWhatTheAnswerHeld() {
        ActivationAccess invoker = ActivationAccess.of(new Caller("invoker", Set.of(Role.INVOKER)), "dev");
        ActivationAccess otherDeveloper = ActivationAccess.of(new Caller("dev2", Set.of(Role.DEVELOPER)), "dev");
        // An invoker named "dev" holds no developer role: a name alone manages nothing.
        ActivationAccess namesake = ActivationAccess.of(new Caller("dev", Set.of(Role.INVOKER)), "dev");

        assertInstanceOf(ActivationAccess.AnswerOnly.class, invoker);
        assertInstanceOf(ActivationAccess.AnswerOnly.class, otherDeveloper);
        assertInstanceOf(ActivationAccess.AnswerOnly.class, namesake);
        ActivationView shown = invoker.shown(RAN_FOR_INVOKER);
        assertNull(shown.logTail());
        assertNull(shown.owner());
        assertNull(shown.instanceId());
        assertNull(shown.hostId());
        assertNull(shown.startedAt());
        assertEquals("act-1", shown.id());
        assertEquals("success", shown.status());
        assertEquals("cold", shown.startKind());
        assertEquals(410, shown.durationMillis());
    }
}
