/**
 * What the CLI uploads as files: the code archive {@code deploy} sends (a function's folder zipped
 * as the server reads it) and the data set {@code jobs start} sends, their media types told by
 * their names. Depends on {@code java.*}, commons-compress and the CLI's failure type.
 */
package dev.hearth.cli.archive;
