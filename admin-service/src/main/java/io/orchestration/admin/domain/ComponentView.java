package io.orchestration.admin.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;

/** A service's or provider's configuration as the API and its events show it. */
public record ComponentView(String name, boolean enabled, ObjectNode config, String updatedBy, OffsetDateTime updatedAt) {

    public static ComponentView of(ComponentConfig component) {
        return new ComponentView(component.name, component.enabled, component.config, component.updatedBy, component.updatedAt);
    }
}
