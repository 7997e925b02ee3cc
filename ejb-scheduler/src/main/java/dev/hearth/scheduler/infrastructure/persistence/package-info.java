/**
 * The application's repositories over JPA (persistence unit {@code hearth}, data source {@code
 * jdbc/hearth}), and the start-up migration of older databases' rows. May depend on the
 * application's and the pool's repository interfaces, the persistence entities and the domain
 * types they hold.
 */
package dev.hearth.scheduler.infrastructure.persistence;
