/**
 * Who may do what in Hearth: the Keycloak realm roles, the authenticated caller, and (later) the
 * mapping from trust level to minted credential. Depends on {@code java.*}, Jakarta EE and
 * MicroProfile JWT only.
 */
package dev.hearth.security;
