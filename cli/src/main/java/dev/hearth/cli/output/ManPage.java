package dev.hearth.cli.output;

/**
 * A manual page in troff with the man macros (man(7)), built section by section. Every text it is
 * given is escaped, so that nothing in a command's description is read as a troff request or
 * escape; only what {@link #bold} and {@link #italic} make is troff already.
 */
public final class ManPage {

    private final StringBuilder troff = new StringBuilder();

    /** Whether the last line is a heading: a paragraph right below one needs no {@code .PP}. */
    private boolean belowHeading;

    /**
     * The page's title line: its name (upper case, by convention), section, date, what it documents
     * (with its version) and the manual it belongs to.
     */
    public ManPage(String title, int section, String date, String source, String manual) {
        request("TH", title, String.valueOf(section), date, source, manual);
        // Left-aligned, never hyphenated: a page full of option names and command lines, which a
        // stretched space or a hyphen troff adds would make harder to read and copy.
        troff.append(".ad l\n.nh\n");
    }

    public ManPage section(String heading) {
        request("SH", heading);
        belowHeading = true;
        return this;
    }

    /** A paragraph for each line of {@code text} that is not blank. */
    public ManPage paragraphs(String text) {
        text.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(line -> paragraphOf(escape(line)));
        return this;
    }

    /** A paragraph of text that is troff already: made of {@link #escape}, {@link #bold}, {@link #italic}. */
    public ManPage paragraphOf(String troffText) {
        if (!belowHeading) {
            troff.append(".PP\n");
        }
        troff.append(troffText).append('\n');
        belowHeading = false;
        return this;
    }

    /**
     * A tagged paragraph: the tag (troff already, as {@link #paragraphOf} takes it) on its own line,
     * below it, indented, the lines of {@code text} as they are broken there.
     */
    public ManPage item(String tag, String text) {
        troff.append(".TP\n").append(tag).append('\n');
        String lines = String.join(
                "\n.br\n",
                text.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .map(ManPage::escape)
                        .toList());
        if (!lines.isEmpty()) {
            troff.append(lines).append('\n');
        }
        belowHeading = false;
        return this;
    }

    public String troff() {
        return troff.toString();
    }

    public static String bold(String text) {
        return "\\fB" + escape(text) + "\\fR";
    }

    public static String italic(String text) {
        return "\\fI" + escape(text) + "\\fR";
    }

    /**
     * Text as troff shows it: a backslash as the backslash glyph (a backslash starts an escape), a
     * double quote as its glyph (it delimits a macro's arguments), a dot or apostrophe at a line's
     * start behind a zero-width {@code \&} (there it starts a request), and every hyphen as {@code
     * \-}, the minus, which renders as the ASCII hyphen-minus: a description holds options and
     * command lines, which a reader must be able to copy and run, far more than hyphenated words.
     */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (lineStart && (c == '.' || c == '\'')) {
                escaped.append("\\&");
            }
            switch (c) {
                case '\\' -> escaped.append("\\(rs");
                case '"' -> escaped.append("\\(dq");
                case '-' -> escaped.append("\\-");
                default -> escaped.append(c);
            }
            lineStart = c == '\n';
        }
        return escaped.toString();
    }

    private void request(String name, String... arguments) {
        troff.append('.').append(name);
        for (String argument : arguments) {
            troff.append(" \"").append(escape(argument)).append('"');
        }
        troff.append('\n');
    }
}
