/**
 * What {@code hearth-cli init} writes: the examples of the repository (examples/hello-*), packed
 * into the CLI's jar by its build, one per runtime, named after the new function. Depends on
 * {@code java.*}, the domain's naming rules and the CLI's failure type.
 */
package dev.hearth.cli.skeleton;
