package dev.hearth.hypervisor.adapter.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {

    private static final AgentSettings NONE_ON_THE_POOL = new AgentSettings("", "", "", "", "");

    @Test
    void aPlainServerGetsTheDefaults() {
        AgentSettings settings = AgentSettings.resolve(NONE_ON_THE_POOL, name -> Optional.empty());

        assertEquals(new AgentSettings("http://127.0.0.1:9700", "", "", "", ""), settings);
    }

    @Test
    void hearthsSettingsFillWhatThePoolLeavesBlank() {
        Map<String, String> config = Map.of(
                "hearth.agent.url", "https://127.0.0.1:9700",
                "hearth.agent.agents", "runc=https://127.0.0.1:9701",
                "hearth.agent.secret", "from-alias",
                "hearth.agent.certificate-file", "/etc/hearth/agents.pem");

        AgentSettings settings = AgentSettings.resolve(NONE_ON_THE_POOL, name -> Optional.ofNullable(config.get(name)));

        assertEquals(
                new AgentSettings(
                        "https://127.0.0.1:9700",
                        "runc=https://127.0.0.1:9701",
                        "from-alias",
                        "",
                        "/etc/hearth/agents.pem"),
                settings);
    }

    @Test
    void aPropertySetOnThePoolWins() {
        AgentSettings onThePool = new AgentSettings("https://10.0.0.5:9700", "", "", "", "");

        AgentSettings settings = AgentSettings.resolve(
                onThePool, name -> Optional.of("https://127.0.0.1:9700").filter(v -> name.equals("hearth.agent.url")));

        assertEquals("https://10.0.0.5:9700", settings.agentUrl());
    }
}
