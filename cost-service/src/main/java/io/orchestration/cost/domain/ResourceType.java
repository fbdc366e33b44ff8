package io.orchestration.cost.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.orchestration.outbox.IdEnum;

/** What kind of resource a charge is for. */
public enum ResourceType implements IdEnum {
    COMPUTE("compute"), STORAGE("storage"), NETWORK("network"), DATABASE("database"), OTHER("other");

    public static final String IDS = "compute, storage, network, database, other";

    private final String id;

    ResourceType(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static ResourceType fromId(String id) {
        ResourceType value = IdEnum.fromId(ResourceType.class, id);
        if (value != null) {
            return value;
        }
        throw new IllegalArgumentException("'" + id + "' is not one of compute, storage, network, database, other");
    }

    /** The kind of a FOCUS ServiceCategory (Compute, Storage, Networking, Databases, ...); anything else is other. */
    public static ResourceType ofServiceCategory(String category) {
        if (category == null) {
            return OTHER;
        }
        switch (category.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "compute":
                return COMPUTE;
            case "storage":
                return STORAGE;
            case "networking":
            case "network":
                return NETWORK;
            case "databases":
            case "database":
                return DATABASE;
            default:
                return OTHER;
        }
    }

    @jakarta.persistence.Converter
    public static class Column extends IdEnum.Column<ResourceType> {
        public Column() {
            super(ResourceType.class);
        }
    }
}
