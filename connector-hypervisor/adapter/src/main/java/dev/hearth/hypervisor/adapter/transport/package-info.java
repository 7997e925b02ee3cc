/**
 * The host agent's HTTP API as the adapter speaks it: one persistent socket per channel, typed v1
 * calls, and where the agents are. Shared by the outbound and inbound sides; depends on the
 * connector API's wire types and JSON-B only.
 */
package dev.hearth.hypervisor.adapter.transport;
