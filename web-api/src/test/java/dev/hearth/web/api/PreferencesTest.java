package dev.hearth.web.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreferencesTest {

    @Test
    void respondAsyncAmongOtherPreferences() {
        assertTrue(Preferences.respondAsync(List.of("respond-async")));
        assertTrue(Preferences.respondAsync(List.of("return=minimal, Respond-Async ; x=1")));
        assertTrue(Preferences.respondAsync(List.of("wait=10", "respond-async")));
    }

    @Test
    void otherPreferencesAreIgnored() {
        assertFalse(Preferences.respondAsync(null));
        assertFalse(Preferences.respondAsync(List.of()));
        assertFalse(Preferences.respondAsync(List.of("return=representation", "wait=5")));
        assertFalse(Preferences.respondAsync(List.of("respond-asynchronously")));
    }
}
