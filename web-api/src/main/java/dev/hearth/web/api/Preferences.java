package dev.hearth.web.api;

import java.util.List;
import java.util.Locale;

/** The {@code Prefer} request header (RFC 7240): only respond-async means anything to Hearth. */
final class Preferences {

    static final String PREFER = "Prefer";
    static final String PREFERENCE_APPLIED = "Preference-Applied";
    static final String RESPOND_ASYNC = "respond-async";

    private Preferences() {}

    /** Whether one of the headers' preferences is respond-async; others are ignored, as RFC 7240 asks. */
    static boolean respondAsync(List<String> preferHeaders) {
        if (preferHeaders == null) {
            return false;
        }
        return preferHeaders.stream()
                .flatMap(header -> List.of(header.split(",")).stream())
                .map(preference -> preference.split("[;=]", 2)[0].strip().toLowerCase(Locale.ROOT))
                .anyMatch(RESPOND_ASYNC::equals);
    }
}
