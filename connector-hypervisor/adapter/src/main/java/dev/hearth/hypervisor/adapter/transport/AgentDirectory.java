package dev.hearth.hypervisor.adapter.transport;

import jakarta.resource.ResourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the host agents are and how to prove who we are to them: host ids mapped to base URLs,
 * parsed from the adapter's settings, and the shared secret read from its file.
 */
public final class AgentDirectory {

    private final Map<String, URI> agents;

    private AgentDirectory(Map<String, URI> agents) {
        this.agents = Collections.unmodifiableMap(agents);
    }

    /**
     * @param hostId the id of the agent at {@code agentUrl}
     * @param agentUrl its base URL
     * @param moreAgents further agents as {@code id=url} pairs separated by commas; may be blank,
     *     and blank entries name no agent (a lone {@code ,} is an empty list where a setting cannot
     *     be empty, as Payara's system properties cannot)
     */
    public static AgentDirectory of(String hostId, String agentUrl, String moreAgents) throws ResourceException {
        Map<String, URI> agents = new LinkedHashMap<>();
        agents.put(hostId, uri(hostId, agentUrl));
        if (moreAgents != null && !moreAgents.isBlank()) {
            for (String entry : moreAgents.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int equals = entry.indexOf('=');
                if (equals <= 0) {
                    throw new ResourceException("agents entry '" + entry.strip() + "' is not of the form id=url");
                }
                String id = entry.substring(0, equals).strip();
                if (agents.put(id, uri(id, entry.substring(equals + 1).strip())) != null) {
                    throw new ResourceException("host id '" + id + "' is configured twice");
                }
            }
        }
        return new AgentDirectory(agents);
    }

    public Map<String, URI> agents() {
        return agents;
    }

    public String firstHostId() {
        return agents.keySet().iterator().next();
    }

    public Optional<URI> url(String hostId) {
        return Optional.ofNullable(agents.get(hostId));
    }

    /**
     * What a channel to {@code url} needs for TLS: nothing for {@code http}, the pinned
     * certificates of {@code certificateFile} for {@code https} (then required).
     */
    public static Optional<PinnedCertificates.AgentTls> tls(URI url, String certificateFile) throws ResourceException {
        return "https".equals(url.getScheme())
                ? Optional.of(PinnedCertificates.read(certificateFile))
                : Optional.empty();
    }

    /**
     * The secret every agent shares: {@code secret} itself when set (from a password alias), else
     * the first line of {@code secretFile}.
     */
    public static String sharedSecret(String secret, String secretFile) throws ResourceException {
        if (secret != null && !secret.isBlank()) {
            return secret.strip();
        }
        if (secretFile == null || secretFile.isBlank()) {
            throw new ResourceException("no shared secret of the host agents is configured"
                    + " (hearth.agent.secret or hearth.agent.secret-file)");
        }
        try {
            return Files.readAllLines(Path.of(secretFile), StandardCharsets.UTF_8).stream()
                    .findFirst()
                    .orElseThrow(() -> new ResourceException("the host agent secret file is empty: " + secretFile))
                    .strip();
        } catch (IOException | UncheckedIOException e) {
            throw new ResourceException("cannot read the host agent secret file " + secretFile, e);
        }
    }

    /** {@code localhost} or a loopback IP literal; other names are not resolved here. */
    private static boolean isLoopback(String host) {
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (literal.equals("localhost")) {
            return true;
        }
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static URI uri(String hostId, String url) throws ResourceException {
        try {
            URI uri = URI.create(url);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            if ("http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
                // Plain HTTP would show the shared secret and the invocations' credentials to the network.
                throw new ResourceException("host '" + hostId + "': '" + url
                        + "' is plain HTTP to another machine; use https:// with the agent's certificate");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ResourceException(
                    "host '" + hostId + "': '" + url + "' is not an https://host:port or http://host:port URL");
        }
    }
}
