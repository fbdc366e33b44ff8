package io.orchestration.monitoring.domain;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one collection from one target saw: numeric values become time series, facts (sync status,
 * router address, ...) are kept with the latest status only. A target that does not answer gives a
 * reading of state {@code unreachable} with the reason, never an exception.
 */
public record Reading(Target target, OffsetDateTime collectedAt, ReadingState state,
                      Map<String, Double> values, Map<String, String> facts, String error) {

    public static final String DISABLED_BY = "disabledBy";
    public static final String DISABLED_AT = "disabledAt";
    /** Prefix of the facts that say why a figure is not available from a source. */
    public static final String UNAVAILABLE = "unavailable.";

    public Reading {
        values = Map.copyOf(values);
        facts = Map.copyOf(facts);
    }

    public static Reading unreachable(Target target, OffsetDateTime at, String reason) {
        return new Reading(target, at, ReadingState.UNREACHABLE, Map.of(), Map.of(), reason);
    }

    public static Reading failed(Target target, OffsetDateTime at, String reason) {
        return new Reading(target, at, ReadingState.ERROR, Map.of(), Map.of(), reason);
    }

    public static Reading notConfigured(Target target, OffsetDateTime at, String reason) {
        return new Reading(target, at, ReadingState.NOT_CONFIGURED, Map.of(), Map.of(), reason);
    }

    /** The administrator disabled collection of this service type: no values (not zeros), and who disabled it when. */
    public static Reading disabled(Target target, OffsetDateTime at, ServiceSetting setting) {
        Map<String, String> facts = new LinkedHashMap<>();
        if (setting.updatedBy != null) {
            facts.put(DISABLED_BY, setting.updatedBy);
        }
        if (setting.updatedAt != null) {
            facts.put(DISABLED_AT, setting.updatedAt.toString());
        }
        return new Reading(target, at, ReadingState.DISABLED, Map.of(), facts, null);
    }

    public Double value(String metric) {
        return values.get(metric);
    }

    /** Builds an {@code up} reading value by value; a value that could not be read is simply absent. */
    public static final class Builder {
        private final Target target;
        private final OffsetDateTime at;
        private final Map<String, Double> values = new LinkedHashMap<>();
        private final Map<String, String> facts = new LinkedHashMap<>();

        public Builder(Target target, OffsetDateTime at) {
            this.target = target;
            this.at = at;
        }

        public Builder value(String metric, Number value) {
            if (value != null && Double.isFinite(value.doubleValue())) {
                values.put(metric, value.doubleValue());
            }
            return this;
        }

        public Builder fact(String name, String value) {
            if (value != null) {
                facts.put(name, value);
            }
            return this;
        }

        /**
         * A figure this kind of service does not publish: no value (never a made-up zero), and the reason as the fact
         * {@code unavailable.<metric>}.
         */
        public Builder unavailable(String metric, String reason) {
            facts.put(UNAVAILABLE + metric, reason);
            return this;
        }

        public Builder values(Map<String, Double> more) {
            more.forEach(this::value);
            return this;
        }

        public Reading up() {
            return new Reading(target, at, ReadingState.UP, values, facts, null);
        }
    }
}
