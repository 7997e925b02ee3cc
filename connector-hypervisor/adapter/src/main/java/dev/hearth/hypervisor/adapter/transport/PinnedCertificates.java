package dev.hearth.hypervisor.adapter.transport;

import jakarta.resource.ResourceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS to host agents that trusts exactly the agents' own certificates, read from a PEM file (one
 * or more certificates): an agent must present one of them, byte for byte and within its validity.
 * No certificate authority is trusted, the system's included. The shared secret still proves
 * Payara to the agent; the pin proves the agent to Payara, so the secret and the invocations'
 * credentials reach no one else.
 *
 * <p>One TLS context per certificate file, so that a new connection to an agent resumes an earlier
 * connection's session (TLS 1.3 session tickets, in the context's client session cache) instead of
 * paying a full handshake. The file is read again for every new connection and a changed file (a
 * rotated key) gets a new context: a resumed session skips the certificate check, so sessions made
 * under the old pins must not be resumed under the new ones.
 */
public final class PinnedCertificates {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** The context made for each certificate file, with the file's content it was made from. */
    private static final ConcurrentMap<Path, Pinned> BY_FILE = new ConcurrentHashMap<>();

    private record Pinned(byte[] pem, AgentTls tls) {}

    private PinnedCertificates() {}

    /**
     * TLS sockets that accept only the certificates in {@code pemFile}: the same as last time
     * while the file's content is the same.
     */
    public static AgentTls read(String pemFile) throws ResourceException {
        if (pemFile == null || pemFile.isBlank()) {
            throw new ResourceException("an https agent URL needs the certificateFile property");
        }
        Path file = Path.of(pemFile).toAbsolutePath().normalize();
        byte[] pem;
        try {
            pem = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ResourceException("cannot read the host agent certificate file " + pemFile, e);
        }
        Pinned known = BY_FILE.get(file);
        if (known != null && Arrays.equals(known.pem(), pem)) {
            return known.tls();
        }
        AgentTls tls = trusting(pem, pemFile);
        BY_FILE.put(file, new Pinned(pem, tls));
        return tls;
    }

    private static AgentTls trusting(byte[] pem, String pemFile) throws ResourceException {
        List<X509Certificate> pinned;
        try {
            pinned =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).stream()
                            .map(X509Certificate.class::cast)
                            .toList();
        } catch (GeneralSecurityException e) {
            throw new ResourceException("cannot read the host agent certificate file " + pemFile, e);
        }
        if (pinned.isEmpty()) {
            throw new ResourceException("the host agent certificate file holds no certificate: " + pemFile);
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinningTrustManager(pinned)}, null);
            return new AgentTls(context.getSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new ResourceException("TLS is not available: " + e.getMessage(), e);
        }
    }

    /** What a channel needs to speak TLS to an agent: sockets that trust the pinned certificates. */
    public record AgentTls(SSLSocketFactory sockets) {

        static String[] protocols() {
            return PROTOCOLS.clone();
        }
    }

    /**
     * Accepts a server whose certificate is one of the pinned ones. It does not check the host
     * name: the certificate itself is pinned, so a host name adds nothing, and agents may be
     * reached by any address the operator configures.
     */
    private static final class PinningTrustManager extends X509ExtendedTrustManager {

        private final List<X509Certificate> pinned;

        PinningTrustManager(List<X509Certificate> pinned) {
            this.pinned = pinned;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the host agent presented no certificate");
            }
            byte[] presented = chain[0].getEncoded();
            for (X509Certificate certificate : pinned) {
                if (Arrays.equals(presented, certificate.getEncoded())) {
                    certificate.checkValidity();
                    return;
                }
            }
            throw new CertificateException(
                    "the host agent's certificate (" + chain[0].getSubjectX500Principal() + ") is not the pinned one");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the adapter authenticates no TLS clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pinned.toArray(X509Certificate[]::new);
        }
    }
}
