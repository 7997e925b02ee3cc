package dev.hearth.protocol.host;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * The addresses of this host's network interfaces (up or down), read with {@link NetworkInterface}
 * at every call: an address added a moment ago (a new interface, DHCP) is refused at once, and a
 * read costs far less than the connection it guards. A host's own address is never a destination:
 * services listening on it are the control plane.
 */
public final class InterfaceAddresses {

    private InterfaceAddresses() {}

    public static Set<InetAddress> read() {
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
