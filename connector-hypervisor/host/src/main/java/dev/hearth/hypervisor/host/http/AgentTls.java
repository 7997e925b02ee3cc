package dev.hearth.hypervisor.host.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The agent's side of TLS: its key and certificate from a PKCS12 keystore, TLS 1.3 preferred and
 * 1.2 allowed, nothing older. The client (Payara's adapter) pins the certificate; the agent asks
 * for none from it, since the shared secret authenticates the client.
 */
public final class AgentTls {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final HttpsConfigurator configurator;

    private AgentTls(HttpsConfigurator configurator) {
        this.configurator = configurator;
    }

    /** TLS with the key and certificate in {@code keystore}; fails at once if they cannot be read. */
    public static AgentTls fromKeystore(Path keystore, Path passwordFile) throws IOException {
        SSLContext context = serverContext(keystore, passwordFile);
        return new AgentTls(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setProtocols(PROTOCOLS);
                parameters.setNeedClientAuth(false);
                params.setSSLParameters(parameters);
            }
        });
    }

    HttpsConfigurator configurator() {
        return configurator;
    }

    private static SSLContext serverContext(Path keystore, Path passwordFile) throws IOException {
        char[] password = readPassword(passwordFile);
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("cannot use the TLS keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    private static char[] readPassword(Path passwordFile) throws IOException {
        try {
            String text = Files.readString(passwordFile, UTF_8);
            int newline = text.indexOf('\n');
            return (newline >= 0 ? text.substring(0, newline) : text).strip().toCharArray();
        } catch (IOException e) {
            throw new IOException(
                    "cannot read the TLS keystore password file " + passwordFile + ": " + e.getMessage(), e);
        }
    }
}
