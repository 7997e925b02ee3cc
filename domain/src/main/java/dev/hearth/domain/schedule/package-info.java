/**
 * Schedules: a standard five-field cron expression in a time zone, parsed and validated, its run
 * times computed, and the decision which slot a timer's firing may claim, so that each slot runs
 * at most once however often timers fire. Depends on {@code java.*} and the domain's {@code
 * rules} only.
 */
package dev.hearth.domain.schedule;
