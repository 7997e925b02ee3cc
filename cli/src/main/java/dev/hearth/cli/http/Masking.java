package dev.hearth.cli.http;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code --verbose} must not print: credentials in headers, in OAuth form bodies and in token
 * answers, each replaced by {@code ***}.
 */
public final class Masking {

    static final String MASK = "***";

    /** Form fields and JSON members that carry a credential. */
    private static final Set<String> SECRETS = Set.of(
            "password",
            "token",
            "access_token",
            "refresh_token",
            "id_token",
            "device_code",
            "client_secret",
            "code",
            "code_verifier");

    private static final Pattern FORM_FIELD = Pattern.compile("(^|&)([^=&]+)=([^&]*)");
    private static final Pattern JSON_STRING_MEMBER =
            Pattern.compile("\"([A-Za-z_]+)\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"");

    private Masking() {}

    public static String header(String name, String value) {
        return "authorization".equalsIgnoreCase(name) ? value.replaceFirst("^(\\S+\\s+).*$", "$1" + MASK) : value;
    }

    public static String form(String body) {
        Matcher m = FORM_FIELD.matcher(body);
        StringBuilder masked = new StringBuilder();
        while (m.find()) {
            String replacement = SECRETS.contains(m.group(2)) ? m.group(1) + m.group(2) + "=" + MASK : m.group();
            m.appendReplacement(masked, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(masked);
        return masked.toString();
    }

    public static String json(String body) {
        Matcher m = JSON_STRING_MEMBER.matcher(body);
        StringBuilder masked = new StringBuilder();
        while (m.find()) {
            String replacement = SECRETS.contains(m.group(1)) ? "\"" + m.group(1) + "\":\"" + MASK + "\"" : m.group();
            m.appendReplacement(masked, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(masked);
        return masked.toString();
    }
}
