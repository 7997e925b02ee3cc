/**
 * Where Hearth may open a connection on a user's behalf: the one {@link
 * dev.hearth.domain.network.DestinationGuard} that the egress proxy (at connect time, the
 * authority), upload-time checks and log shipping all ask. It reads addresses in every notation a
 * resolver accepts ({@link dev.hearth.domain.network.IpLiteral}), refuses the host itself and every
 * non-public range unless an admin allowed that private network, and hands back the very address
 * it checked, so that nothing is resolved twice. Depends on {@code java.*} only; DNS is reached
 * through the {@link dev.hearth.domain.network.Resolver} its caller passes.
 */
package dev.hearth.domain.network;
