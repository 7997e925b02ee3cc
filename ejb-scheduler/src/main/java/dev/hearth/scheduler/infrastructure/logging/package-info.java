/**
 * The {@link dev.hearth.scheduler.application.LogShipper} over the Jakarta REST client: posts an
 * invocation's logs as JSON to the user's endpoint. May depend on the application's interfaces
 * and the domain.
 */
package dev.hearth.scheduler.infrastructure.logging;
