package dev.hearth.hypervisor.adapter.inbound;

import dev.hearth.hypervisor.api.HostEventListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

/** How a message-driven bean subscribes to host events: which agents, and how to poll them. */
@Activation(messageListeners = HostEventListener.class)
public class HostEventActivationSpec implements ActivationSpec {

    @ConfigProperty(defaultValue = "local", description = "Host id of the agent at agentUrl.")
    private String hostId = "local";

    @ConfigProperty(
            defaultValue = "",
            description = "Base URL of that host agent's API. Each blank property is taken from Hearth's setting"
                    + " (hearth.agent.url, hearth.agent.agents, ...), else its default.")
    private String agentUrl = "";

    @ConfigProperty(defaultValue = "", description = "Further host agents, as id=url pairs separated by commas.")
    private String agents = "";

    @ConfigProperty(
            defaultValue = "",
            description = "The host agents' shared secret itself; when blank, the first line of secretFile.")
    private String secret = "";

    @ConfigProperty(
            defaultValue = "",
            description = "File holding the host agents' shared secret (first line), when secret is blank.")
    private String secretFile = "";

    @ConfigProperty(
            defaultValue = "",
            description = "PEM file with the host agents' certificates (one or more), which https agent URLs"
                    + " must present; required for https, unused for http (loopback only).")
    private String certificateFile = "";

    @ConfigProperty(
            defaultValue = "25000",
            description = "Milliseconds one poll waits at the agent for an event (the agent caps it at 30000).")
    private Long pollWaitMillis = 25_000L;

    @ConfigProperty(
            defaultValue = "2000",
            description = "Milliseconds to wait before polling an unreachable agent again.")
    private Long retryMillis = 2_000L;

    private ResourceAdapter resourceAdapter;

    @Override
    public void validate() throws InvalidPropertyException {
        if (pollWaitMillis <= 0 || retryMillis <= 0) {
            throw new InvalidPropertyException("pollWaitMillis and retryMillis must be positive");
        }
    }

    public String getHostId() {
        return hostId;
    }

    public void setHostId(String hostId) {
        this.hostId = hostId;
    }

    public String getAgentUrl() {
        return agentUrl;
    }

    public void setAgentUrl(String agentUrl) {
        this.agentUrl = agentUrl;
    }

    public String getAgents() {
        return agents;
    }

    public void setAgents(String agents) {
        this.agents = agents;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getSecretFile() {
        return secretFile;
    }

    public void setSecretFile(String secretFile) {
        this.secretFile = secretFile;
    }

    public String getCertificateFile() {
        return certificateFile;
    }

    public void setCertificateFile(String certificateFile) {
        this.certificateFile = certificateFile;
    }

    public Long getPollWaitMillis() {
        return pollWaitMillis;
    }

    public void setPollWaitMillis(Long pollWaitMillis) {
        this.pollWaitMillis = pollWaitMillis;
    }

    public Long getRetryMillis() {
        return retryMillis;
    }

    public void setRetryMillis(Long retryMillis) {
        this.retryMillis = retryMillis;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        this.resourceAdapter = resourceAdapter;
    }
}
