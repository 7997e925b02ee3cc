/**
 * How Hearth's state is stored: JPA entities of persistence unit {@code hearth} (functions, code
 * packages, activations, instances, pool settings, drained hosts,
 * activation archives, hourly usage, periodic tasks' last runs), portable across H2 2.x and PostgreSQL (natural or UUID keys,
 * no identity columns, no reserved words as names). May depend on the domain and {@code
 * jakarta.persistence}; knows nothing of EJBs or the web.
 */
package dev.hearth.persistence;
