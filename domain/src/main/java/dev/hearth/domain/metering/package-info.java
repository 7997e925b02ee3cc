/**
 * Metering and retention of activation records: which periods a periodic task is due to run for
 * (one hour or one day, as a slot number every member computes alike), which days' records are past
 * the retention, and the usage of each user and function per hour, summed from the records. A
 * billing service reads those sums; they are computed here once. The console's charts count the
 * last hour's records per minute ({@link dev.hearth.domain.metering.Traffic}) and the members'
 * samples of their instances ({@link dev.hearth.domain.metering.Occupancy}); the pools page counts
 * each runtime's start kinds ({@link dev.hearth.domain.metering.StartKinds}). Depends on {@code java.*} only.
 */
package dev.hearth.domain.metering;
