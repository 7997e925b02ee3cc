/**
 * The admin API at {@code /api/v1/admin} (role {@code admin}): warming pools per runtime,
 * scheduler settings, hosts and instances. Thin JAX-RS resources over {@link
 * dev.hearth.scheduler.application.PoolAdminService} with record DTOs; errors are the problem
 * details of {@code dev.hearth.web.problem}. Depends on Jakarta EE, MicroProfile OpenAPI, the
 * application services and the security realm.
 */
package dev.hearth.web.admin;
