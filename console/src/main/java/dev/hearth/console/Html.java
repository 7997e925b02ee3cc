package dev.hearth.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** HTML escaping and the pages' common frame; every text that reaches a page goes through {@link #text}. */
final class Html {

    private Html() {}

    /** Text for an element body or a quoted attribute value; null becomes empty. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        String raw = value.toString();
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code path} with one query parameter, encoded (for a redirect). */
    static String url(String path, String parameter, String value) {
        return path + "?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@link #url} escaped for an attribute. */
    static String link(String path, String parameter, String value) {
        return text(url(path, parameter, value));
    }

    /**
     * The start of a table that scrolls sideways in its own box when the window is narrower (a
     * phone): the box takes keyboard focus, so that it can be scrolled without a mouse, and is
     * named {@code label}. The caller closes the table and then the box ({@code </table></div>}).
     */
    static String scrolling(String id, String label) {
        return "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"" + text(label) + "\"><table id=\""
                + text(id) + "\">";
    }

    /** A term and its description in a {@code dl}: {@code term} is text, {@code html} is HTML. */
    static String entry(String term, String html) {
        return "<dt>" + text(term) + "</dt><dd>" + html + "</dd>";
    }

    /** A link whose text is {@code label} (escaped here). */
    static String anchor(String href, Object label) {
        return "<a href=\"" + href + "\">" + text(label) + "</a>";
    }

    /**
     * A POST form to {@code action} (relative to the console, escaped here) carrying the session's
     * CSRF token; {@code fields} are HTML.
     */
    static String form(String action, String csrfToken, String fields) {
        return "<form class=\"inline\" method=\"post\" action=\"" + text(action) + "\">"
                + hidden(CsrfToken.PARAMETER, csrfToken) + fields + "</form>";
    }

    static String hidden(String name, Object value) {
        return "<input type=\"hidden\" name=\"" + text(name) + "\" value=\"" + text(value) + "\">";
    }

    /** An instant to the second, escaped; empty for null. */
    static String time(OffsetDateTime at) {
        return at == null ? "" : text(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.withNano(0)));
    }

    /**
     * How long ago {@code since} was, in its two largest units ("2 h 5 min", "40 s"), in a {@code
     * time} element that gives the instant; empty for null.
     */
    static String age(Instant since, Instant now) {
        if (since == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(since, now).toSeconds());
        String age;
        if (seconds < 60) {
            age = seconds + " s";
        } else if (seconds < 3600) {
            age = seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        } else if (seconds < 86400) {
            age = seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
        } else {
            age = seconds / 86400 + " d" + (seconds % 86400 / 3600 == 0 ? "" : " " + seconds % 86400 / 3600 + " h");
        }
        return "<time datetime=\"" + text(since.truncatedTo(ChronoUnit.SECONDS)) + "\">" + age + "</time>";
    }

    /** A whole document around {@code body} (already HTML); {@code title} is text. */
    static String document(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 1rem auto; max-width: 76rem; padding: 0 1rem; color: #1a1a1a; }
                a { color: #0645ad; }
                table { border-collapse: collapse; margin-bottom: 1.5rem; }
                .scroll { overflow-x: auto; max-width: 100%%; }
                th, td { border-bottom: 1px solid #ddd; padding: .3rem .6rem; text-align: left; vertical-align: top; }
                pre { margin: 0; max-width: 100%%; overflow-x: auto; font-size: .85em; background: #f6f6f6; padding: .4rem; }
                td pre { max-width: 32rem; }
                .who { display: flex; gap: .5rem; align-items: baseline; }
                header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: .5rem; }
                nav ul { display: flex; flex-wrap: wrap; gap: .2rem 1rem; list-style: none; padding: 0; margin: 0; }
                nav a[aria-current] { font-weight: bold; color: inherit; text-decoration: none; }
                dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
                dt { font-weight: bold; }
                dd { margin: 0; overflow-wrap: anywhere; }
                form.inline { display: inline; }
                form.filter { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: 1rem; }
                label { display: inline-flex; flex-direction: column; font-size: .9em; }
                label.check { flex-direction: row; align-items: center; gap: .3rem; }
                input[type=number] { width: 5rem; }
                .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%%, 24rem), 1fr)); gap: 1rem; }
                figure { margin: 0; }
                figcaption { font-weight: bold; margin-bottom: .3rem; }
                svg { width: 100%%; height: auto; font-size: 11px; }
                svg text { fill: #1a1a1a; }
                .axis { stroke: #555; }
                .grid { stroke: #ddd; }
                .mark { stroke: #1a1a1a; stroke-width: 2; }
                .s0 { stroke: #1f5fbf; fill: #1f5fbf; }
                .s1 { stroke: #b3261e; fill: #b3261e; }
                .s2 { stroke: #8a6d00; fill: #8a6d00; }
                .s3 { stroke: #2e7d32; fill: #2e7d32; }
                polyline.s0, polyline.s1, polyline.s2, polyline.s3 { fill: none; }
                .legend { font-weight: normal; font-size: .9em; margin-left: .5rem; }
                .key { display: inline-block; width: .8em; height: .8em; margin: 0 .2rem 0 .5rem; }
                .k0 { background: #1f5fbf; } .k1 { background: #b3261e; } .k2 { background: #8a6d00; }
                .k3 { background: #2e7d32; }
                .error { border-left: 4px solid #b00020; padding: .5rem 1rem; background: #fdecee; }
                .notice { border-left: 4px solid #1b5e20; padding: .5rem 1rem; background: #e8f5e9; }
                </style>
                </head>
                <body>
                %s
                </body>
                </html>
                """
                .formatted(text(title), body);
    }

    /** Sends a page that must not be cached, framed, or load anything but the console's own scripts. */
    static void send(HttpServletResponse response, int status, String document) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline';"
                        + " frame-ancestors 'none'");
        response.getWriter().write(document);
    }
}
