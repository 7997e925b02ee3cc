package dev.hearth.console;

import jakarta.servlet.http.HttpServletRequest;

/** Reading a form's fields, each problem a {@link FormException} that names the field. */
final class Forms {

    private Forms() {}

    static String required(HttpServletRequest request, String field) {
        String value = request.getParameter(field);
        if (value == null || value.isBlank()) {
            throw new FormException("The form needs " + field + ".");
        }
        return value.strip();
    }

    static int integer(HttpServletRequest request, String field) {
        String value = required(request, field);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new FormException(field + " must be a whole number, not \"" + value + "\".");
        }
    }

    static long wholeNumber(HttpServletRequest request, String field) {
        String value = required(request, field);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new FormException(field + " must be a whole number, not \"" + value + "\".");
        }
    }

    /** A non-negative page number; absent or unreadable is the first page. */
    static int page(HttpServletRequest request) {
        try {
            return Math.max(0, Integer.parseInt(request.getParameter("page")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** An optional text field: absent or blank is empty. */
    static String optional(HttpServletRequest request, String field) {
        String value = request.getParameter(field);
        return value == null ? "" : value.strip();
    }
}
