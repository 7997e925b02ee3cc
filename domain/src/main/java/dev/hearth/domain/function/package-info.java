/**
 * A function as its owner declares it: name, runtime, portions with their trust levels, and the
 * security policy, validated by pure rules. Depends on {@code java.*}, the domain's {@code
 * network} package (which judges egress destinations) and its {@code rules} (the limits and
 * naming rules every layer shares) only.
 */
package dev.hearth.domain.function;
