/**
 * The host agents' settings as the adapter uses them: its own configuration properties where an
 * administrator set them on the pool, else Hearth's MicroProfile Config settings ({@code
 * hearth.agent.*}, password aliases included), else the defaults. Payara expands only system
 * properties in an application's pool properties and leaves an undefined one literal, so the
 * EAR names none there (docs/adr/0023). Depends on {@code java.*} and MicroProfile Config only.
 */
package dev.hearth.hypervisor.adapter.settings;
