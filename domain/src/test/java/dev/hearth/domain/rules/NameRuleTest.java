package dev.hearth.domain.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NameRuleTest {

    /** The columns that store names are as long as the longest name each rule accepts. */
    @Test
    void longestNamesAreTheStatedLimits() {
        Map<NameRule, Integer> longest = Map.of(
                NameRule.FUNCTION, Limits.MAX_FUNCTION_NAME_CHARS,
                NameRule.PORTION, Limits.MAX_PORTION_NAME_CHARS,
                NameRule.ENVIRONMENT_VARIABLE, Limits.MAX_VARIABLE_NAME_CHARS,
                NameRule.SECRET, Limits.MAX_SECRET_NAME_CHARS,
                NameRule.SCHEDULE, Limits.MAX_SCHEDULE_NAME_CHARS);
        longest.forEach((rule, chars) -> {
            assertTrue(rule.accepts("a".repeat(chars)), rule + " refuses " + chars + " characters");
            assertFalse(rule.accepts("a".repeat(chars + 1)), rule + " accepts " + (chars + 1) + " characters");
        });
    }

    @Test
    void portionsAndFunctionsAreNamedAlike() {
        assertTrue(NameRule.PORTION.accepts("0-front"));
        assertFalse(NameRule.PORTION.accepts("Front"), "upper case");
        assertFalse(NameRule.PORTION.accepts("front_door"), "underscore");
        assertFalse(NameRule.PORTION.accepts("-front"), "leading dash");
        assertFalse(NameRule.FUNCTION.accepts(null));
    }
}
