package dev.hearth.scheduler.application;

import dev.hearth.domain.placement.PoolTarget;
import java.util.List;

/** Settings of the defaults whose pool targets are a list the test holds and reads. */
final class ListedPoolTargets implements SettingsRepository {

    private final List<PoolTarget> targets;

    ListedPoolTargets(List<PoolTarget> targets) {
        this.targets = targets;
    }

    @Override
    public List<PoolTarget> poolTargets() {
        return List.copyOf(targets);
    }

    @Override
    public void savePoolTarget(PoolTarget target) {
        targets.add(target);
    }

    @Override
    public SchedulerSettings settings() {
        return SchedulerSettings.DEFAULT;
    }

    @Override
    public void saveSettings(SchedulerSettings settings) {}
}
