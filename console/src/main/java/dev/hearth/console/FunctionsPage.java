package dev.hearth.console;

import static dev.hearth.console.Html.text;

import dev.hearth.console.FunctionListing.Sort;
import dev.hearth.scheduler.application.FunctionView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The functions list: a search by name, an order, pages; each name links to its function's page. */
final class FunctionsPage {

    private FunctionsPage() {}

    static String render(Viewer viewer, FunctionListing listing) {
        StringBuilder body = new StringBuilder();
        body.append("<form class=\"filter\" method=\"get\" action=\"functions\" role=\"search\">")
                .append("<label>Name contains<input type=\"search\" name=\"q\" value=\"")
                .append(text(listing.query()))
                .append("\"></label><label>Sort by<select name=\"sort\">");
        for (Sort sort : Sort.values()) {
            body.append("<option value=\"")
                    .append(sort.field)
                    .append('"')
                    .append(sort == listing.sort() ? " selected" : "")
                    .append('>')
                    .append(sort == Sort.NEWEST ? "last updated" : sort.field)
                    .append("</option>");
        }
        body.append("</select></label><button type=\"submit\">Show</button></form>\n");
        if (listing.functions().isEmpty()) {
            body.append(listing.query().isEmpty() ? "<p>No functions yet.</p>\n" : "<p>No function matches.</p>\n");
            return Layout.page(
                    viewer, "functions", viewer.admin() ? "All functions" : "Your functions", body.toString());
        }
        body.append(Html.scrolling("function-list", "functions") + "<thead><tr><th>function</th><th>owner</th>")
                .append("<th>runtime</th><th>isolation</th><th>code</th><th>updated</th></tr></thead><tbody>\n");
        for (FunctionView function : listing.functions()) {
            body.append("<tr><td>")
                    .append(Html.anchor(Html.link("function", "name", function.name()), function.name()))
                    .append("</td><td>")
                    .append(text(function.owner()))
                    .append("</td><td>")
                    .append(text(function.runtime()))
                    .append("</td><td>")
                    .append(
                            function.policy() == null
                                    ? ""
                                    : text(function.policy().isolation()))
                    .append("</td><td>")
                    .append(FunctionPage.size(function.codeSize()))
                    .append("</td><td>")
                    .append(Html.time(function.updatedAt()))
                    .append("</td></tr>\n");
        }
        body.append("</tbody></table></div>\n<p>")
                .append(listing.matching())
                .append(listing.matching() == 1 ? " function" : " functions")
                .append(", page ")
                .append(listing.page() + 1)
                .append(" of ")
                .append(listing.pages());
        if (listing.page() > 0) {
            body.append(" · <a rel=\"prev\" href=\"")
                    .append(pageLink(listing, listing.page() - 1))
                    .append("\">Previous</a>");
        }
        if (listing.page() + 1 < listing.pages()) {
            body.append(" · <a rel=\"next\" href=\"")
                    .append(pageLink(listing, listing.page() + 1))
                    .append("\">Next</a>");
        }
        body.append("</p>\n");
        return Layout.page(viewer, "functions", viewer.admin() ? "All functions" : "Your functions", body.toString());
    }

    private static String pageLink(FunctionListing listing, int page) {
        return text("functions?q=" + URLEncoder.encode(listing.query(), StandardCharsets.UTF_8) + "&sort="
                + listing.sort().field + "&page=" + page);
    }
}
