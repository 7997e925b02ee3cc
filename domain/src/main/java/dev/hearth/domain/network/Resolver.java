package dev.hearth.domain.network;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** What a host name resolves to; the guard asks once per connection and checks every answer. */
@FunctionalInterface
public interface Resolver {

    /** The operating system's resolver (DNS, {@code /etc/hosts}). */
    Resolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String name) throws UnknownHostException;
}
