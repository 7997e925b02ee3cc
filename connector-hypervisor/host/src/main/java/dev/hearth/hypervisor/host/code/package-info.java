/**
 * The agent's store of code packages: checked with the protocol module's archive checker, unpacked
 * read-only under the state directory, addressed by SHA-256, and staged for each container as the
 * part of a package its portion may see. May depend on {@code java.*} and
 * {@code dev.hearth.protocol.archive}.
 */
package dev.hearth.hypervisor.host.code;
