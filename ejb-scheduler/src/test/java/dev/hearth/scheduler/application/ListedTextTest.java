package dev.hearth.scheduler.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ListedTextTest {

    private static final String CLEF = "\uD834\uDD1E"; // one code point, two UTF-16 characters

    @Test
    void aShortTextIsKeptWhole() {
        assertEquals(new ListedText("abc", false), ListedText.of("abc", 3));
        assertEquals(new ListedText(null, false), ListedText.of(null, 3));
    }

    @Test
    void aLongerTextKeepsItsFirstCodePointsAndSaysSo() {
        assertEquals(new ListedText("abc", true), ListedText.of("abcd", 3));
        assertEquals(new ListedText(CLEF.repeat(3), true), ListedText.of(CLEF.repeat(4), 3));
    }

    @Test
    void aTextCutByADatabaseThatCountsUtf16CharactersIsStillSeenToBeLonger() {
        int fetched = ListedText.fetched(3);
        assertEquals(
                new ListedText(CLEF.repeat(3), true),
                ListedText.of(CLEF.repeat(10).substring(0, fetched), 3));
        assertEquals(
                new ListedText("a" + CLEF + CLEF, true),
                ListedText.of(("a" + CLEF.repeat(10)).substring(0, fetched), 3),
                "the database cut between a pair's halves; no half is kept");
    }
}
