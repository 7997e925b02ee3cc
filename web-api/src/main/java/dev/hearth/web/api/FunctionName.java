package dev.hearth.web.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A name a new function may take: a DNS label (lower-case letters, digits and inner hyphens, at
 * most 63), so that it is safe in URLs, file names and host-side identifiers alike.
 */
@Documented
@Constraint(validatedBy = {})
@NotNull
@Pattern(regexp = FunctionName.PATTERN)
@ReportAsSingleViolation
@Target({PARAMETER, FIELD})
@Retention(RUNTIME)
public @interface FunctionName {

    String PATTERN = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    String message() default
            "must be 1 to 63 lower-case letters, digits or hyphens, starting and ending with a letter or digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
