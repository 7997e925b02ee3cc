/**
 * How the persistence unit {@code hearth} is set up at start: which database it uses (the embedded
 * one the EAR brings, or a JDBC resource of the server named in MicroProfile Config, docs/adr/0023)
 * and whether its entities may be kept in EclipseLink's shared cache (not on members of several,
 * docs/adr/0034). May depend on MicroProfile Config and EclipseLink's session API; knows nothing of
 * the entities.
 */
package dev.hearth.persistence.datasource;
