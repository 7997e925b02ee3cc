/**
 * Which database the persistence unit {@code hearth} uses: the embedded one the EAR brings, or a
 * JDBC resource of the server named in MicroProfile Config (docs/adr/0023). May depend on
 * MicroProfile Config and EclipseLink's session API; knows nothing of the entities.
 */
package dev.hearth.persistence.datasource;
