package dev.hearth.domain.network;

import java.net.InetSocketAddress;

/** The guard's answer for one destination. */
public sealed interface Decision {

    /** Connect to exactly this address (the one checked), never to the name again. */
    record Allowed(InetSocketAddress address) implements Decision {}

    /** Do not connect; {@code reason} names the destination and why. */
    record Refused(String reason) implements Decision {}
}
