package dev.hearth.web.api;

import dev.hearth.domain.rules.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SecretValue", description = "The new value of a secret; it is stored encrypted and never shown again")
public record SecretValueDto(@Schema(required = true, maxLength = Limits.MAX_SECRET_VALUE_CHARS) String value) {}
