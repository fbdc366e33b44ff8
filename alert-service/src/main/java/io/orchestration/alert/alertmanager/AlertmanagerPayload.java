package io.orchestration.alert.alertmanager;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.orchestration.alert.domain.Limits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What Alertmanager's webhook receiver posts (payload version 4). Fields this receiver does not use
 * are accepted, so a newer Alertmanager that adds some still gets through.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerPayload(
        @NotNull @Pattern(regexp = "4", message = "must be 4 (the only webhook payload version there is)") String version,
        String groupKey,
        String status,
        String receiver,
        String externalURL,
        @NotNull @Size(max = AlertmanagerPayload.MAX_ALERTS, message = "may hold at most " + AlertmanagerPayload.MAX_ALERTS + " alerts")
        List<@NotNull @Valid Alert> alerts) {

    public static final int MAX_ALERTS = 500;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alert(
            @NotNull @Pattern(regexp = "firing|resolved", message = "must be firing or resolved") String status,
            @NotNull @Size(max = Limits.MAX_LABELS, message = "may hold at most " + Limits.MAX_LABELS + " labels")
            Map<@Size(max = Limits.MAX_LABEL_NAME) @Pattern(regexp = Limits.LABEL_NAME, message = "must be a label name ([a-zA-Z_][a-zA-Z0-9_]*)") String,
                    @NotNull @Size(max = Limits.MAX_LABEL_VALUE) String> labels,
            @Size(max = Limits.MAX_LABELS, message = "may hold at most " + Limits.MAX_LABELS + " annotations")
            Map<String, @NotNull @Size(max = Limits.MAX_MESSAGE) String> annotations,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            String generatorURL,
            String fingerprint) {
    }
}
