package dev.hearth.scheduler.application;

import dev.hearth.domain.async.AsyncSettings;

/** A function's async retry settings as its owner reads and sets them: attempts after the first, the oldest event tried. */
public record AsyncSettingsView(int maxRetries, long maxEventAgeSeconds) {

    static AsyncSettingsView of(AsyncSettings settings) {
        return new AsyncSettingsView(
                settings.maxRetries(), settings.maxEventAge().toSeconds());
    }
}
