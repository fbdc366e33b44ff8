package io.orchestration.alert.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/** A silence as an operator asks for it; startsAt defaults to now. */
public record SilenceRequest(
        @NotEmpty @Size(max = Limits.MAX_LABELS, message = "may hold at most " + Limits.MAX_LABELS + " matchers")
        List<@NotNull @Valid Matcher> matchers,
        OffsetDateTime startsAt,
        @NotNull OffsetDateTime endsAt,
        @NotBlank @Size(max = Limits.MAX_MESSAGE) String comment) {
}
