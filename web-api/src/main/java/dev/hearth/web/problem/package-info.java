/**
 * RFC 9457 problem details ({@code application/problem+json}) for every error the API answers:
 * one {@code ExceptionMapper} for {@code HearthException} (its problem type says type URI, title,
 * status and headers), the JAX-RS and EJB wrappers, a catch-all that hides internals, and a
 * servlet for the errors the container raises before JAX-RS runs (an invalid token). Depends on
 * Jakarta EE, JSON-P, MicroProfile OpenAPI (the problem document's schema) and the application
 * exceptions of {@code dev.hearth.scheduler.application} ({@code HearthException}, {@code ProblemType}).
 */
package dev.hearth.web.problem;
