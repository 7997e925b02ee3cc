package dev.hearth.persistence.datasource;

import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatasourceLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * Points the persistence unit at the server's JDBC resource named by {@value
 * DataSourceChoice#JNDI_NAME_SETTING}, if one is; otherwise it keeps the embedded database that
 * persistence.xml names. Runs before EclipseLink logs in, so the database platform is detected from
 * the resource in use. The server's resource takes part in JTA transactions as the embedded one
 * does: Payara enlists its connections, EclipseLink keeps its external transaction controller.
 */
public class ConfiguredDataSource implements SessionCustomizer {

    private static final Logger LOG = Logger.getLogger(ConfiguredDataSource.class.getName());

    @Override
    public void customize(Session session) {
        DataSourceChoice choice = DataSourceChoice.of(
                ConfigProvider.getConfig().getOptionalValue(DataSourceChoice.JNDI_NAME_SETTING, String.class));
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
