/**
 * Encryption of functions' secrets at rest (AES-GCM, with a key read from a file outside the
 * database). May depend on the JDK's {@code javax.crypto}, CDI, the application's {@code
 * SecretCipher} and MicroProfile Config.
 */
package dev.hearth.scheduler.infrastructure.secrets;
