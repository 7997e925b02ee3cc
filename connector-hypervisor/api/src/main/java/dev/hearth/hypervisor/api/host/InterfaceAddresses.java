package dev.hearth.hypervisor.api.host;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The addresses of this host's network interfaces (up or down), read with {@link
 * NetworkInterface} and read again when older than {@link #MAX_AGE}, so that an address added
 * later (a new interface, DHCP) is refused within that time. A host's own address is never a
 * destination: services listening on it are the control plane.
 */
public final class InterfaceAddresses implements Supplier<Set<InetAddress>> {

    public static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final Clock clock;
    private Set<InetAddress> addresses = Set.of();
    private Instant readAt = Instant.MIN;

    public InterfaceAddresses(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Set<InetAddress> get() {
        Instant now = clock.instant();
        if (readAt.plus(MAX_AGE).isBefore(now)) {
            addresses = read();
            readAt = now;
        }
        return addresses;
    }

    private static Set<InetAddress> read() {
        Set<InetAddress> all = new HashSet<>();
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                all.addAll(Collections.list(network.getInetAddresses()));
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot read this host's network interfaces", e);
        }
        return Set.copyOf(all);
    }
}
