/**
 * The host agent daemon: configuration, start-up and the registry of instances. May depend on
 * {@code java.*}, the connector API's wire types and archive checker, and this agent's own
 * packages.
 */
package dev.hearth.hypervisor.host;
