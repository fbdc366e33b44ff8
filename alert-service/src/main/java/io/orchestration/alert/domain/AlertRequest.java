package io.orchestration.alert.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** An alert an operator or a script raises through the API. */
public record AlertRequest(
        @NotBlank @Size(max = Limits.MAX_ENVIRONMENT)
        @Pattern(regexp = Limits.ENVIRONMENT, message = "must be an environment name (lower-case letters, digits, dashes)")
        String environment,
        @Pattern(regexp = Limits.SOURCE, message = "must be lower-case letters, digits and dashes (up to 40)")
        String source,
        @NotBlank @Size(max = Limits.MAX_NAME) String name,
        @NotNull Severity severity,
        @NotBlank @Size(max = Limits.MAX_MESSAGE) String message,
        @Size(max = Limits.MAX_LABELS, message = "may hold at most " + Limits.MAX_LABELS + " labels")
        Map<@Size(max = Limits.MAX_LABEL_NAME) @Pattern(regexp = Limits.LABEL_NAME, message = "must be a label name ([a-zA-Z_][a-zA-Z0-9_]*)") String,
                @NotNull @Size(max = Limits.MAX_LABEL_VALUE) String> labels) {

    /** What the API calls an alert nobody named a source for. */
    public static final String API_SOURCE = "api";

    public Signal toSignal() {
        return new Signal(environment, source == null ? API_SOURCE : source, name, severity, message, labels);
    }
}
