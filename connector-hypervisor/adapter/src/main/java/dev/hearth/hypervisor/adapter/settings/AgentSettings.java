package dev.hearth.hypervisor.adapter.settings;

import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where the host agents are and how to prove who we are to them.
 *
 * @param agentUrl base URL of the agent of the adapter's {@code hostId}
 * @param agents further agents as {@code id=url} pairs separated by commas; may be blank
 * @param secret the shared secret itself; blank when it is in {@code secretFile}
 * @param secretFile file holding the shared secret; may be blank
 * @param certificateFile PEM file with the agents' pinned certificates; may be blank
 */
public record AgentSettings(String agentUrl, String agents, String secret, String secretFile, String certificateFile) {

    public static final String DEFAULT_AGENT_URL = "http://127.0.0.1:9700";

    /** {@code explicit}'s blank settings taken from {@code config} (by Hearth's setting names), else defaults. */
    public static AgentSettings resolve(AgentSettings explicit, Function<String, Optional<String>> config) {
        return new AgentSettings(
                pick(explicit.agentUrl(), config.apply("hearth.agent.url"), DEFAULT_AGENT_URL),
                pick(explicit.agents(), config.apply("hearth.agent.agents"), ""),
                pick(explicit.secret(), config.apply("hearth.agent.secret"), ""),
                pick(explicit.secretFile(), config.apply("hearth.agent.secret-file"), ""),
                pick(explicit.certificateFile(), config.apply("hearth.agent.certificate-file"), ""));
    }

    /**
     * {@link #resolve(AgentSettings, Function)} with the calling application's MicroProfile Config;
     * outside a server that has none (the adapter's unit tests), with the defaults alone.
     */
    public static AgentSettings resolve(AgentSettings explicit) {
        return resolve(explicit, AgentSettings::microProfileConfig);
    }

    private static Optional<String> microProfileConfig(String name) {
        try {
            return ConfigProvider.getConfig().getOptionalValue(name, String.class);
        } catch (IllegalStateException noImplementation) {
            return Optional.empty();
        }
    }

    private static String pick(String explicit, Optional<String> configured, String fallback) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        return configured.filter(value -> !value.isBlank()).orElse(fallback);
    }
}
