package dev.hearth.cli.auth;

import java.net.URI;
import java.time.Duration;

/**
 * A device authorization (RFC 8628 3.2): the code the user enters at the verification page, and
 * the device code the CLI polls with, proven with the PKCE verifier of the challenge it was asked
 * with (a realm that requires PKCE of the client requires it of the device grant too).
 */
public record DeviceAuthorization(
        String deviceCode,
        String codeVerifier,
        String userCode,
        URI verificationUri,
        URI verificationUriComplete,
        Duration expiresIn,
        Duration interval) {}
