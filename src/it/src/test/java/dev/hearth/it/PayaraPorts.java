package dev.hearth.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Payara's ports in the test environment, laid out from its port base (profile {@code it} of
 * hearth.properties, passed by failsafe as {@code hearth.it.port.base}) as {@code asadmin
 * create-domain --portbase} does: admin base+48, HTTP base+80. Set as system properties before any
 * test class loads, so that arquillian.xml ({@code adminPort}) and the tests read them.
 */
public final class PayaraPorts implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String base = System.getProperty("hearth.it.port.base");
        if (base == null) {
            return; // not run by failsafe: the tests then fail on the missing settings, by name
        }
        int portBase = Integer.parseInt(base);
        System.setProperty("payara.admin.port", String.valueOf(portBase + 48));
        System.setProperty("hearth.api.url", "http://127.0.0.1:" + (portBase + 80) + "/api/v1");
    }
}
