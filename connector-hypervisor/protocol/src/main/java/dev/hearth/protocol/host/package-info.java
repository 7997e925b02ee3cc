/**
 * What a process that opens connections for users reads about its own host, for the destination
 * guard (the host agent's egress proxy, Payara's log shipper). Depends on {@code java.*} only.
 */
package dev.hearth.protocol.host;
