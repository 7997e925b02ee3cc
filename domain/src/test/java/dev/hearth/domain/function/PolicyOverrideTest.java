package dev.hearth.domain.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class PolicyOverrideTest {

    private static final SecurityPolicy OWNER = new SecurityPolicy(
            256,
            10_000,
            32,
            64,
            200,
            Map.of("A", "1"),
            List.of("api.example.com:443", "db.example.com:5432"),
            Set.of(),
            Isolation.VM);

    @Test
    void nothingAskedKeepsTheOwnersPolicy() {
        assertEquals(new PolicyOverride.Verdict.Narrowed(OWNER), PolicyOverride.NONE.applyTo(OWNER));
    }

    @Test
    void anInvocationMayTightenEveryLimitAndNarrowEgress() {
        PolicyOverride override = new PolicyOverride(64, 500L, 4, 8, 50, List.of("API.example.com:443"));

        SecurityPolicy narrowed = assertInstanceOf(PolicyOverride.Verdict.Narrowed.class, override.applyTo(OWNER))
                .policy();

        assertEquals(
                new SecurityPolicy(
                        64, 500, 4, 8, 50, Map.of("A", "1"), List.of("api.example.com:443"), Set.of(), Isolation.VM),
                narrowed);
    }

    @Test
    void noneDropsAllEgress() {
        PolicyOverride override = new PolicyOverride(null, null, null, null, null, List.of("none"));

        assertEquals(
                List.of(),
                assertInstanceOf(PolicyOverride.Verdict.Narrowed.class, override.applyTo(OWNER))
                        .policy()
                        .egressAllowList());
    }

    @Test
    void anInvocationCannotLoosenAnything() {
        PolicyOverride override = new PolicyOverride(512, 50L, 33, 65, 400, List.of("evil.example.com:443"));

        assertEquals(
                new PolicyOverride.Verdict.Refused(List.of(
                        "memoryMb must be between 16 and the function's 256",
                        "timeoutMillis must be between 100 and the function's 10000",
                        "maxProcesses must be between 1 and the function's 32",
                        "tmpMb must be between 1 and the function's 64",
                        "cpuPercent must be between 5 and the function's 200",
                        "egress 'evil.example.com:443' is not in the function's allow-list"
                                + " [api.example.com:443, db.example.com:5432]")),
                override.applyTo(OWNER));
    }

    @Property
    void aNarrowedPolicyNeverExceedsTheOwners(
            @ForAll @IntRange(min = 0, max = 1024) int memoryMb,
            @ForAll @LongRange(min = 0, max = 20_000) long timeoutMillis,
            @ForAll @IntRange(min = 0, max = 64) int maxProcesses,
            @ForAll @IntRange(min = 0, max = 128) int tmpMb) {
        PolicyOverride.Verdict verdict =
                new PolicyOverride(memoryMb, timeoutMillis, maxProcesses, tmpMb, null, null).applyTo(OWNER);

        if (verdict instanceof PolicyOverride.Verdict.Narrowed narrowed) {
            SecurityPolicy policy = narrowed.policy();
            assertTrue(policy.memoryMb() <= OWNER.memoryMb() && policy.memoryMb() == memoryMb);
            assertTrue(policy.timeoutMillis() <= OWNER.timeoutMillis());
            assertTrue(policy.maxProcesses() <= OWNER.maxProcesses());
            assertTrue(policy.tmpMb() <= OWNER.tmpMb());
        } else {
            assertTrue(memoryMb > OWNER.memoryMb()
                    || memoryMb < 16
                    || timeoutMillis > OWNER.timeoutMillis()
                    || timeoutMillis < 100
                    || maxProcesses > OWNER.maxProcesses()
                    || maxProcesses < 1
                    || tmpMb > OWNER.tmpMb()
                    || tmpMb < 1);
        }
    }
}
