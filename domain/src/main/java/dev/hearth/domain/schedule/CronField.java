package dev.hearth.domain.schedule;

import java.util.List;

/** The five fields of a cron expression, in their order, with their ranges and the names they accept. */
enum CronField {
    MINUTE("minute", 0, 59, List.of()),
    HOUR("hour", 0, 23, List.of()),
    DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
    MONTH("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
    /** 0 and 7 are both Sunday, as in cron; 7 is stored as 0. */
    DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

    private final String label;
    private final int min;
    private final int max;
    /** Names for min, min + 1, …; empty when the field takes numbers only. */
    private final List<String> names;

    CronField(String label, int min, int max, List<String> names) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.names = names;
    }

    String label() {
        return label;
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }

    /** Every value the field can hold once 7 is folded into 0 for the day of the week. */
    long allValues() {
        long all = 0;
        for (int v = min; v <= max; v++) {
            all |= 1L << fold(v);
        }
        return all;
    }

    /** A day of the week 7 is Sunday, 0. */
    int fold(int value) {
        return this == DAY_OF_WEEK && value == 7 ? 0 : value;
    }

    /** The value a number or (for months and days) an English three-letter name stands for, or -1. */
    int value(String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return text.length() > 2 ? -1 : Integer.parseInt(text);
        }
        int index = names.indexOf(text.toUpperCase(java.util.Locale.ROOT));
        return index < 0 ? -1 : min + index;
    }
}
