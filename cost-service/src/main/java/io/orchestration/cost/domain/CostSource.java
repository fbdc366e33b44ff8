package io.orchestration.cost.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.orchestration.outbox.IdEnum;

/** Where a cost came from; demo data says so. */
public enum CostSource implements IdEnum {
    MANUAL("manual"), IMPORT("import"), DEMO("demo");

    public static final String IDS = "manual, import, demo";

    private final String id;

    CostSource(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static CostSource fromId(String id) {
        CostSource value = IdEnum.fromId(CostSource.class, id);
        if (value != null) {
            return value;
        }
        throw new IllegalArgumentException("'" + id + "' is not one of manual, import, demo");
    }

    @jakarta.persistence.Converter
    public static class Column extends IdEnum.Column<CostSource> {
        public Column() {
            super(CostSource.class);
        }
    }
}
