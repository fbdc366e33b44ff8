package io.orchestration.admin.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;

/** The configuration of one platform service (besu, cacti, ...) or cloud provider: on or off, and its settings. */
@Entity
@Table(name = "component_config")
public class ComponentConfig extends PanacheEntityBase {

    /** {@code kind:name}, e.g. {@code service:besu}. */
    @Id
    public String id;

    /** service or provider. */
    public String kind;

    public String name;

    public boolean enabled;

    @JdbcTypeCode(SqlTypes.JSON)
    public ObjectNode config;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    @Column(name = "row_version")
    public long rowVersion;

    public static String idOf(String kind, String name) {
        return kind + ":" + name;
    }
}
