/**
 * Who may do what in Hearth: the Keycloak realm roles and the authenticated caller, read from
 * the token; the mapping from trust level to minted credential is in {@code credential}. Depends
 * on {@code java.*}, Jakarta EE and MicroProfile JWT only.
 */
package dev.hearth.security;
