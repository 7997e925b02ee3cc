package dev.hearth.console;

/** A form field that is missing or not what the form asks for; shown to the user as it is. */
final class FormException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FormException(String message) {
        super(message);
    }
}
