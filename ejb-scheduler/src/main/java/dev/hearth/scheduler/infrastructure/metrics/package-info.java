/**
 * The {@link dev.hearth.scheduler.application.SchedulerMetrics} published with MicroProfile
 * Metrics (Payara serves them at {@code /metrics}), and gauges over the instance pool. May depend
 * on CDI, MicroProfile Metrics, the application's interfaces, the pool and the domain.
 */
package dev.hearth.scheduler.infrastructure.metrics;
