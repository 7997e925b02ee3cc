package dev.hearth.domain.placement;

import dev.hearth.domain.function.Isolation;
import dev.hearth.domain.function.Runtime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random but small fleets: up to three hosts (some unhealthy or draining) and eight instances. */
final class PoolArbitraries {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final List<String> OWNERS = List.of("alice", "bob", "carol");
    static final List<String> HOSTS = List.of("h0", "h1", "h2");

    private PoolArbitraries() {}

    static Arbitrary<PoolSnapshot> pools() {
        Arbitrary<HostSnapshot> host = Combinators.combine(
                        Arbitraries.of(HOSTS),
                        Arbitraries.of(true, true, false),
                        Arbitraries.of(false, false, true),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.subsetOf(Runtime.values()),
                        Arbitraries.subsetOf(Isolation.values()))
                .as(HostSnapshot::new);
        Arbitrary<List<HostSnapshot>> hosts = host.list().ofMaxSize(3).uniqueElements(HostSnapshot::hostId);
        Arbitrary<InstanceLifecycle> lifecycle = Arbitraries.oneOf(
                Arbitraries.just(InstanceLifecycle.Booting.forPool()),
                Arbitraries.of(OWNERS).map(InstanceLifecycle.Booting::forOwner),
                Arbitraries.just(new InstanceLifecycle.Warming()),
                Combinators.combine(
                                Arbitraries.of(OWNERS), Arbitraries.integers().between(0, 100))
                        .as((o, s) -> new InstanceLifecycle.Assigned(o, T0.plusSeconds(s))),
                Combinators.combine(
                                Arbitraries.of(OWNERS), Arbitraries.integers().between(0, 100))
                        .as((o, s) -> new InstanceLifecycle.Busy(o, T0.plusSeconds(s))),
                Arbitraries.just(new InstanceLifecycle.Destroyed()));
        Arbitrary<InstanceSnapshot> instance = Combinators.combine(
                        Arbitraries.of(HOSTS),
                        Arbitraries.of(Runtime.class),
                        Arbitraries.of(Isolation.class),
                        Arbitraries.of("f-1", "f-2"),
                        Arbitraries.of("sha-a", "sha-b"),
                        lifecycle)
                .as((h, r, iso, fn, sha, l) -> new InstanceSnapshot("pending", h, r, iso, fn, sha, l));
        Arbitrary<List<InstanceSnapshot>> instances =
                instance.list().ofMaxSize(8).map(PoolArbitraries::numbered);
        return Combinators.combine(hosts, instances).as(PoolSnapshot::new);
    }

    private static List<InstanceSnapshot> numbered(List<InstanceSnapshot> instances) {
        List<InstanceSnapshot> numbered = new ArrayList<>();
        for (int n = 0; n < instances.size(); n++) {
            InstanceSnapshot i = instances.get(n);
            numbered.add(new InstanceSnapshot(
                    "i" + n, i.hostId(), i.runtime(), i.isolation(), i.functionId(), i.codeSha256(), i.lifecycle()));
        }
        return numbered;
    }
}
