package dev.hearth.hypervisor.host.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The tool that runs the sandbox driver's containers, chosen per agent ({@code --container-runtime}). */
public enum ContainerRuntime {
    /** bubblewrap, with setpriv and prlimit: the fastest to start. */
    BWRAP,
    /** runc, from an OCI bundle per container. */
    RUNC;

    /** As the setting spells it. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ContainerRuntime> named(String settingName) {
        return Arrays.stream(values())
                .filter(r -> r.settingName().equals(settingName))
                .findFirst();
    }

    public static List<String> settingNames() {
        return Arrays.stream(values()).map(ContainerRuntime::settingName).toList();
    }
}
