package dev.hearth.scheduler.application;

import dev.hearth.domain.placement.PoolTarget;
import java.util.List;

/** Pool targets per runtime and the scheduler's settings, as admins set them. */
public interface SettingsRepository {

    /** The targets admins set; a runtime without one has no warming pool. */
    List<PoolTarget> poolTargets();

    void savePoolTarget(PoolTarget target);

    /** The settings, or {@link SchedulerSettings#DEFAULT} until an admin changes them. */
    SchedulerSettings settings();

    void saveSettings(SchedulerSettings settings);
}
