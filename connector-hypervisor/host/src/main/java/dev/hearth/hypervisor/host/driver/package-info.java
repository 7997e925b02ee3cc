/**
 * What an instance driver is ({@code sandbox}, {@code qemu}): the driver and instance interfaces, the
 * lifecycles of instances and containers as sealed interfaces of records with explicit
 * transitions, and the pure classification of invocation outcomes. May depend on {@code java.*}
 * and the connector API's wire types.
 */
package dev.hearth.hypervisor.host.driver;
