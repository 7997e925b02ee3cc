package dev.hearth.hypervisor.host.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What an instance's containers do between invocations ({@code --idle-containers}). */
public enum IdleContainers {
    /** Frozen in the cgroup freezer until the next invocation, as Lambda freezes its environments. */
    FROZEN,
    /** Left running: what a function leaves behind runs on (only to measure what freezing costs). */
    RUNNING;

    /** As the setting spells it. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IdleContainers> named(String settingName) {
        return Arrays.stream(values())
                .filter(r -> r.settingName().equals(settingName))
                .findFirst();
    }

    public static List<String> settingNames() {
        return Arrays.stream(values()).map(IdleContainers::settingName).toList();
    }
}
