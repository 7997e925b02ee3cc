package dev.hearth.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesEveryCharacterThatCanLeaveTextOrAnAttribute() {
        assertEquals("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;", Html.text("<a href=\"x\" onclick='y'>&"));
        assertEquals("plain text é", Html.text("plain text é"));
        assertEquals("", Html.text(null));
    }

    @Test
    void theTitleIsEscaped() {
        assertTrue(Html.document("<x>", "").contains("<title>&lt;x&gt;</title>"));
    }
}
