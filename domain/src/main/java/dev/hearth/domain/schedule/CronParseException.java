package dev.hearth.domain.schedule;

/** What is wrong with a cron expression, in words a user reads; internal to the parser. */
final class CronParseException extends Exception {

    private static final long serialVersionUID = 1L;

    CronParseException(String problem) {
        super(problem, null, false, false);
    }
}
