package dev.hearth.scheduler.application;

import dev.hearth.domain.metering.Period;
import java.util.Arrays;
import java.util.Optional;

/**
 * The batch jobs that keep activation records in bounds and meter them: {@code id} is what the
 * admin API calls a job, {@code jobXml} the name of its job definition (META-INF/batch-jobs), and
 * {@code period} how often the members' timers run it.
 */
public enum MeteringJob {
    ACTIVATION_RETENTION("retention", "hearth-activation-retention", Period.DAY),
    USAGE_ROLLUP("usage-rollup", "hearth-usage-rollup", Period.HOUR);

    private final String id;
    private final String jobXml;
    private final Period period;

    MeteringJob(String id, String jobXml, Period period) {
        this.id = id;
        this.jobXml = jobXml;
        this.period = period;
    }

    public String id() {
        return id;
    }

    public String jobXml() {
        return jobXml;
    }

    public Period period() {
        return period;
    }

    public static Optional<MeteringJob> byId(String id) {
        return Arrays.stream(values()).filter(job -> job.id.equals(id)).findFirst();
    }
}
