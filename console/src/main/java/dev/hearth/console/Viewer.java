package dev.hearth.console;

/** Who looks at a page: the signed-in user, whether they are an admin, and their session's form token. */
record Viewer(String user, boolean admin, String csrfToken) {}
