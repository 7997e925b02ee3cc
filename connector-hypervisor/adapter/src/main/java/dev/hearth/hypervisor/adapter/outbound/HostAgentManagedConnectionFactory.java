package dev.hearth.hypervisor.adapter.outbound;

import dev.hearth.hypervisor.adapter.settings.AgentSettings;
import dev.hearth.hypervisor.adapter.transport.AgentApiClient;
import dev.hearth.hypervisor.adapter.transport.AgentDirectory;
import dev.hearth.hypervisor.adapter.transport.AgentHttpChannel;
import dev.hearth.hypervisor.api.HostAgentConnection;
import dev.hearth.hypervisor.api.HostAgentConnectionFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import java.io.PrintWriter;
import java.net.URI;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;
import javax.security.auth.Subject;

/**
 * Makes managed connections to one host agent. Each managed connection holds one persistent
 * socket; the server's pool keeps them open between invocations and validates them.
 */
@ConnectionDefinition(
        connectionFactory = HostAgentConnectionFactory.class,
        connectionFactoryImpl = DefaultHostAgentConnectionFactory.class,
        connection = HostAgentConnection.class,
        connectionImpl = HostAgentConnectionHandle.class)
public class HostAgentManagedConnectionFactory
        implements ManagedConnectionFactory, ValidatingManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(HostAgentManagedConnectionFactory.class.getName());
    private static final long DIRECTORY_FRESH_NANOS = 1_000_000_000L;

    @ConfigProperty(
            defaultValue = "local",
            description = "Host id of the agent at agentUrl (the agent's --host-id); placement names hosts by it.")
    private String hostId = "local";

    @ConfigProperty(
            defaultValue = "",
            description = "Base URL of that host agent's API. Each blank property of this adapter is taken from"
                    + " Hearth's setting (hearth.agent.url, hearth.agent.agents, ...), else its default.")
    private String agentUrl = "";

    @ConfigProperty(
            defaultValue = "",
            description = "Further host agents, as id=url pairs separated by commas; empty for one host.")
    private String agents = "";

    @ConfigProperty(
            defaultValue = "",
            description = "The host agents' shared secret itself (a Payara password alias, through MicroProfile"
                    + " Config); when blank, the first line of secretFile. Read when a connection opens.")
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
            defaultValue = "2000",
            description = "Milliseconds to wait for a TCP connection (and its TLS handshake) to an agent.")
    private Integer connectTimeoutMillis = 2000;

    @ConfigProperty(
            defaultValue = "330000",
            description = "Milliseconds to wait for an answer; must exceed the longest function timeout.")
    private Integer readTimeoutMillis = 330_000;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private transient Jsonb jsonb;
    private transient volatile ReadDirectory lastRead;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new DefaultHostAgentConnectionFactory(this, connectionManager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new ResourceException("the host agent connector runs only inside an application server");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        String host = route(info);
        URI url = directory()
                .url(host)
                .orElseThrow(() -> new ResourceException("no host agent with id '" + host + "' is configured"));
        LOG.fine(() -> "new connection to host agent " + host + " at " + url);
        AgentSettings settings = settings();
        AgentHttpChannel channel = new AgentHttpChannel(
                url,
                AgentDirectory.tls(url, settings.certificateFile()),
                AgentDirectory.sharedSecret(settings.secret(), settings.secretFile()),
                connectTimeoutMillis,
                readTimeoutMillis);
        return new HostAgentManagedConnection(this, host, new AgentApiClient(channel, jsonb()));
    }

    @Override
    public ManagedConnection matchManagedConnections(
            @SuppressWarnings("rawtypes") Set candidates, Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        String host = route(info);
        for (Object candidate : candidates) {
            if (candidate instanceof HostAgentManagedConnection connection
                    && connection.factory() == this
                    && connection.hostId().equals(host)) {
                return connection;
            }
        }
        return null;
    }

    /**
     * The configured host agents, read anew at most once per {@link #DIRECTORY_FRESH_NANOS}: a
     * changed setting takes effect within it, while each connection asked for (one per
     * invocation) no longer reads five settings through MicroProfile Config (JFR: 4.5 % of an
     * invocation's CPU in Payara).
     */
    AgentDirectory directory() throws ResourceException {
        ReadDirectory read = lastRead;
        long now = System.nanoTime();
        if (read != null && now - read.atNanos() < DIRECTORY_FRESH_NANOS) {
            return read.directory();
        }
        AgentSettings settings = settings();
        AgentDirectory directory = AgentDirectory.of(hostId, settings.agentUrl(), settings.agents());
        lastRead = new ReadDirectory(directory, now);
        return directory;
    }

    /** The directory as last read, and when. */
    private record ReadDirectory(AgentDirectory directory, long atNanos) {}

    private AgentSettings settings() {
        return AgentSettings.resolve(new AgentSettings(agentUrl, agents, secret, secretFile, certificateFile));
    }

    private String route(ConnectionRequestInfo info) throws ResourceException {
        return info instanceof HostRoute route ? route.hostId() : directory().firstHostId();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Set getInvalidConnections(Set connections) {
        Set invalid = new HashSet<>();
        for (Object candidate : connections) {
            if (candidate instanceof HostAgentManagedConnection connection && !connection.isHealthy()) {
                invalid.add(connection);
            }
        }
        return invalid;
    }

    private synchronized Jsonb jsonb() {
        if (jsonb == null) {
            jsonb = JsonbBuilder.create();
        }
        return jsonb;
    }

    public String getHostId() {
        return hostId;
    }

    public void setHostId(String hostId) {
        this.hostId = hostId;
        lastRead = null;
    }

    public String getAgents() {
        return agents;
    }

    public void setAgents(String agents) {
        this.agents = agents;
        lastRead = null;
    }

    public String getAgentUrl() {
        return agentUrl;
    }

    public void setAgentUrl(String agentUrl) {
        this.agentUrl = agentUrl;
        lastRead = null;
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

    public Integer getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public void setConnectTimeoutMillis(Integer connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    public Integer getReadTimeoutMillis() {
        return readTimeoutMillis;
    }

    public void setReadTimeoutMillis(Integer readTimeoutMillis) {
        this.readTimeoutMillis = readTimeoutMillis;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }

    // Connection managers compare factories by their configuration (JCA 1.7, 6.5.3.2).
    @Override
    public boolean equals(Object other) {
        return other instanceof HostAgentManagedConnectionFactory that
                && Objects.equals(hostId, that.hostId)
                && Objects.equals(agentUrl, that.agentUrl)
                && Objects.equals(agents, that.agents)
                && Objects.equals(secret, that.secret)
                && Objects.equals(secretFile, that.secretFile)
                && Objects.equals(certificateFile, that.certificateFile)
                && Objects.equals(connectTimeoutMillis, that.connectTimeoutMillis)
                && Objects.equals(readTimeoutMillis, that.readTimeoutMillis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                hostId, agentUrl, agents, secret, secretFile, certificateFile, connectTimeoutMillis, readTimeoutMillis);
    }
}
