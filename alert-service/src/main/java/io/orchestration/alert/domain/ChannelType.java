package io.orchestration.alert.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.orchestration.outbox.IdEnum;

import java.util.Locale;

/** Where a channel's notifications go. */
public enum ChannelType implements IdEnum {
    SLACK, PAGERDUTY, EMAIL, WEBHOOK;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ChannelType fromId(String id) {
        ChannelType type = IdEnum.fromId(ChannelType.class, id);
        if (type != null) {
            return type;
        }
        throw new IllegalArgumentException("'" + id + "' is not a channel type (slack, pagerduty, email, webhook)");
    }

    @jakarta.persistence.Converter
    public static class Column extends IdEnum.Column<ChannelType> {
        public Column() {
            super(ChannelType.class);
        }
    }
}
