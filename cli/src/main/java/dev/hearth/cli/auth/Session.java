package dev.hearth.cli.auth;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import java.time.Clock;

/**
 * A profile's signed-in user: the cached access token while it lasts, then a new one through the
 * refresh token, without asking the user. Neither left: not signed in.
 */
public final class Session {

    private final String profile;
    private final TokenCache cache;
    private final OidcClient oidc;
    private final Clock clock;

    public Session(String profile, TokenCache cache, OidcClient oidc, Clock clock) {
        this.profile = profile;
        this.cache = cache;
        this.oidc = oidc;
        this.clock = clock;
    }

    public String accessToken() {
        Tokens tokens = cache.load().orElseThrow(this::notSignedIn);
        if (tokens.accessUsableAt(clock.instant())) {
            return tokens.accessToken();
        }
        if (!tokens.refreshUsableAt(clock.instant())) {
            cache.delete();
            throw notSignedIn();
        }
        Tokens refreshed;
        try {
            refreshed = oidc.refresh(tokens.refreshToken());
        } catch (CliFailure refused) {
            if (refused.exitCode() != ExitCode.REFUSED) {
                throw refused;
            }
            // The realm ended the session (signed out elsewhere, idle too long): sign in again.
            cache.delete();
            throw notSignedIn();
        }
        cache.save(refreshed);
        return refreshed.accessToken();
    }

    private CliFailure notSignedIn() {
        String option = "default".equals(profile) ? "" : " --profile " + profile;
        return new CliFailure(ExitCode.REFUSED, "not-signed-in", "sign in first: hearth-cli login" + option);
    }
}
