package dev.hearth.persistence.datasource;

import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.config.CacheIsolationType;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.sessions.DatasourceLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * The persistence unit's session as MicroProfile Config says, set before EclipseLink logs in.
 *
 * <p>Its database: the server's JDBC resource named by {@value DataSourceChoice#JNDI_NAME_SETTING},
 * if one is; otherwise the embedded database that persistence.xml names. The database platform is
 * then detected from the resource in use; the server's resource takes part in JTA transactions as
 * the embedded one does.
 *
 * <p>Its cache: with {@value #SHARED_CACHE_SETTING}{@code =false} (every member of several, ADR 34)
 * no entity is kept in EclipseLink's shared cache, because no member would learn of another's
 * changes: a redeployed function, a tightened policy or a deleted one would still be served from it.
 */
public class ConfiguredSession implements SessionCustomizer {

    /** Whether entities may be kept in the shared (second-level) cache; default true. */
    public static final String SHARED_CACHE_SETTING = "hearth.persistence.shared-cache";

    private static final Logger LOG = Logger.getLogger(ConfiguredSession.class.getName());

    @Override
    public void customize(Session session) {
        Config config = ConfigProvider.getConfig();
        chooseDataSource(session, config);
        if (!config.getOptionalValue(SHARED_CACHE_SETTING, Boolean.class).orElse(true)) {
            for (ClassDescriptor descriptor : session.getDescriptors().values()) {
                descriptor.setCacheIsolation(CacheIsolationType.ISOLATED);
            }
            LOG.info(() -> "persistence unit " + session.getName() + " keeps no entity in the shared cache ("
                    + SHARED_CACHE_SETTING + "=false)");
        }
    }

    private static void chooseDataSource(Session session, Config config) {
        DataSourceChoice choice =
                DataSourceChoice.of(config.getOptionalValue(DataSourceChoice.JNDI_NAME_SETTING, String.class));
        if (choice instanceof DataSourceChoice.ServerResource server) {
            session.getLogin().setConnector(connector(server.jndiName()));
            // Reads outside a transaction go through the read pool's own login, when it has one.
            if (session instanceof ServerSession serverSession
                    && serverSession.getReadConnectionPool().getLogin() instanceof DatasourceLogin readLogin
                    && readLogin != session.getLogin()) {
                readLogin.setConnector(connector(server.jndiName()));
            }
            LOG.info(() -> "persistence unit " + session.getName() + " uses the JDBC resource " + server.jndiName());
        } else {
            LOG.warning(() -> "persistence unit " + session.getName() + " uses the embedded database: set "
                    + DataSourceChoice.JNDI_NAME_SETTING + " to a JDBC resource of the server to keep data");
        }
    }

    private static JNDIConnector connector(String jndiName) {
        JNDIConnector connector = new JNDIConnector(jndiName);
        connector.setLookupType(JNDIConnector.STRING_LOOKUP);
        return connector;
    }
}
