/**
 * Hearth's REST API at {@code /api/v1}: thin JAX-RS resources that read the request, call the
 * application services of {@code dev.hearth.scheduler.application} as the token's
 * {@link dev.hearth.security.Caller}, and answer record DTOs described for MicroProfile OpenAPI
 * (those that inline a function's text through {@code JsonTextBodies}, which copies the text as it
 * is).
 * Errors become problem details in {@code dev.hearth.web.problem}. Depends on Jakarta EE,
 * MicroProfile, the application services, the security realm and the domain types a request is
 * read into or answered as (a policy override, a log destination and its guard, async settings),
 * and the protocol's {@code WholeJson}, which checks a JSON body before JSON-B binds it; nothing
 * depends on it.
 */
package dev.hearth.web.api;
