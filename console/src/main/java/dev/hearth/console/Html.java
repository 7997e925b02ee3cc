package dev.hearth.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

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
                body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
                table { border-collapse: collapse; margin-bottom: 1.5rem; }
                th, td { border-bottom: 1px solid #ddd; padding: .3rem .6rem; text-align: left; vertical-align: top; }
                pre { margin: 0; max-width: 32rem; overflow-x: auto; font-size: .85em; }
                header { display: flex; justify-content: space-between; align-items: baseline; }
                form.inline { display: inline; }
                input[type=number] { width: 4rem; }
                </style>
                </head>
                <body>
                %s
                </body>
                </html>
                """
                .formatted(text(title), body);
    }

    /** Sends a page that must not be cached, framed by other sites, or load anything else. */
    static void send(HttpServletResponse response, int status, String document) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(
                "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        response.getWriter().write(document);
    }
}
