package dev.hearth.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What troff would misread is escaped; the page's requests are where the man macros want them. */
class ManPageTest {

    @Test
    void hyphensBecomeMinusSignsThatCopyAsTheyRead() {
        assertEquals("\\-\\-max\\-per\\-host", ManPage.escape("--max-per-host"));
    }

    @Test
    void backslashesAndDoubleQuotesAreGlyphs() {
        assertEquals("C:\\(rsTemp", ManPage.escape("C:\\Temp"));
        assertEquals("\\(rsfB not bold", ManPage.escape("\\fB not bold"));
        assertEquals("{\\(dqname\\(dq: 1}", ManPage.escape("{\"name\": 1}"));
    }

    @Test
    void aDotOrApostropheStartsNoRequestAtALineStart() {
        assertEquals("\\&.zip or .tar.gz", ManPage.escape(".zip or .tar.gz"));
        assertEquals("\\&'quoted'", ManPage.escape("'quoted'"));
        assertEquals("first\n\\&.second\n\\&'third", ManPage.escape("first\n.second\n'third"));
        assertEquals("a.b it's", ManPage.escape("a.b it's"));
    }

    @Test
    void plainTextStaysAsItIs() {
        assertEquals(
                "Deploy a function (50% faster): 1 < 2 & $HOME",
                ManPage.escape("Deploy a function (50% faster): 1 < 2 & $HOME"));
    }

    @Test
    void boldAndItalicEscapeWhatTheyWrap() {
        assertEquals("\\fB\\-\\-dir\\fR", ManPage.bold("--dir"));
        assertEquals("\\fI=DIR\\fR", ManPage.italic("=DIR"));
    }

    @Test
    void aPageHasItsTitleSectionsParagraphsAndItems() {
        String troff = new ManPage("TOOL-X", 1, "2026-12-04", "tool 1.0", "Tools")
                .section("NAME")
                .paragraphOf(ManPage.escape("tool-x") + " \\- does x")
                .section("DESCRIPTION")
                .paragraphs("First line.\n\n  .dotted second\n")
                .section("OPTIONS")
                .item(ManPage.bold("-x"), "Does x.\nDefault: \"y\"")
                .troff();

        assertEquals(
                """
                .TH "TOOL\\-X" "1" "2026\\-12\\-04" "tool 1.0" "Tools"
                .ad l
                .nh
                .SH "NAME"
                tool\\-x \\- does x
                .SH "DESCRIPTION"
                First line.
                .PP
                \\&.dotted second
                .SH "OPTIONS"
                .TP
                \\fB\\-x\\fR
                Does x.
                .br
                Default: \\(dqy\\(dq
                """,
                troff);
    }

    @Test
    void aQuoteInARequestsArgumentDoesNotEndIt() {
        String troff =
                new ManPage("T", 1, "d", "s", "M").section("THE \"BEST\" PART").troff();

        assertEquals(".SH \"THE \\(dqBEST\\(dq PART\"", troff.lines().toList().get(3));
    }
}
