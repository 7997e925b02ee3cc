/**
 * The admin API at {@code /api/v1/admin} (role {@code admin}): warming pools per runtime,
 * scheduler settings, hosts and instances; activation archives, their retention and the metering
 * jobs' run-now. Thin JAX-RS resources over {@link
 * dev.hearth.scheduler.application.PoolAdminService} and {@link
 * dev.hearth.scheduler.application.MeteringService} with record DTOs; errors are the problem
 * details of {@code dev.hearth.web.problem}, whose document it names in its OpenAPI responses.
 * Depends on Jakarta EE, MicroProfile OpenAPI, the application services, the security realm and
 * {@code dev.hearth.web.problem}.
 */
package dev.hearth.web.admin;
