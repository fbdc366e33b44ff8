package io.orchestration.alert.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.regex.PatternSyntaxException;

/**
 * One condition of a silence, as in Alertmanager: a name, an operator and a value. The names
 * environment, source, alertname (or name) and severity match those fields; any other name a label.
 */
public record Matcher(
        @NotBlank @Size(max = Limits.MAX_LABEL_NAME) @Pattern(regexp = Limits.LABEL_NAME, message = "must be a label name ([a-zA-Z_][a-zA-Z0-9_]*)")
        String name,
        @Pattern(regexp = "=|!=|=~|!~", message = "must be one of =, !=, =~, !~") String op,
        @NotNull @Size(max = Limits.MAX_LABEL_VALUE) String value) {

    public Matcher {
        op = op == null ? "=" : op;
    }

    public boolean usesRegex() {
        return op.endsWith("~");
    }

    /** Whether the value compiles, for regex matchers; checked before a silence is stored. */
    public String regexError() {
        if (!usesRegex()) {
            return null;
        }
        try {
            java.util.regex.Pattern.compile(value);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getDescription();
        }
    }

    public boolean matches(Alert alert) {
        String actual = valueOf(alert);
        boolean same = usesRegex()
                ? actual != null && java.util.regex.Pattern.compile(value).matcher(actual).matches()
                : value.equals(actual == null ? "" : actual);
        return op.startsWith("!") ? !same : same;
    }

    private String valueOf(Alert alert) {
        switch (name) {
            case "environment":
                return alert.environment;
            case "source":
                return alert.source;
            case "alertname":
            case "name":
                return alert.name;
            case "severity":
                return alert.severity.id();
            default:
                return alert.labels.get(name);
        }
    }
}
