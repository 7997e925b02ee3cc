package dev.hearth.console;

import static dev.hearth.console.Html.text;

/** The frame of every signed-in page: the title, a navigation to the other pages, and sign-out. */
final class Layout {

    private Layout() {}

    /** The pages in the navigation: path (relative to the console) and label; the last five for admins. */
    private static final String[][] PAGES = {
        {"./", "Overview"},
        {"functions", "Functions"},
        {"pools", "Pools"},
        {"hosts", "Hosts"},
        {"instances", "Instances"},
        {"settings", "Settings"},
        {"metering", "Metering"}
    };

    private static final int PAGES_FOR_DEVELOPERS = 2;

    /** A whole document: {@code current} is the navigation entry to mark, {@code body} is HTML. */
    static String page(Viewer viewer, String current, String title, String body) {
        StringBuilder nav = new StringBuilder("<nav aria-label=\"console\"><ul>");
        int shown = viewer.admin() ? PAGES.length : PAGES_FOR_DEVELOPERS;
        for (int i = 0; i < shown; i++) {
            nav.append("<li><a href=\"")
                    .append(PAGES[i][0])
                    .append('"')
                    .append(PAGES[i][0].equals(current) ? " aria-current=\"page\"" : "")
                    .append('>')
                    .append(PAGES[i][1])
                    .append("</a></li>");
        }
        nav.append("</ul></nav>");
        String header = "<header><strong>Hearth console</strong>" + nav + "<div class=\"who\">Signed in as <strong>"
                + text(viewer.user()) + "</strong> "
                + Html.form("sign-out", viewer.csrfToken(), "<button type=\"submit\">Sign out</button>")
                + "</div></header>\n<main>\n<h1>" + text(title) + "</h1>\n";
        return Html.document(title + " · Hearth console", header + body + "</main>");
    }
}
