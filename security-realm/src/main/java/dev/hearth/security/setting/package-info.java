/**
 * Hearth's secret settings and where each is read from: the setting itself in MicroProfile Config
 * (a Payara password alias of that name, or a value that refers to one), else the file named by the
 * setting {@code NAME-file} (docs/adr/0023). May depend on {@code java.*} and MicroProfile Config.
 */
package dev.hearth.security.setting;
