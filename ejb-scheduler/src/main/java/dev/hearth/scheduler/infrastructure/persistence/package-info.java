/**
 * The application's repositories over JPA (persistence unit {@code hearth}, data source {@code
 * jdbc/hearth}), and the start-up migration of older databases' rows. May depend on EJB and CDI,
 * {@code jakarta.persistence}, the application's and the pool's repository interfaces and the
 * records they carry, the persistence entities and the domain types they hold.
 */
package dev.hearth.scheduler.infrastructure.persistence;
