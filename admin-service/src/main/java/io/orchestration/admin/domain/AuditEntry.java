package io.orchestration.admin.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.Map;

/** One audited API call, chained to the one before it by {@link #previousHash}. Never updated or deleted. */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {

    @Id
    public long seq;

    @Column(name = "event_id")
    public String eventId;

    public OffsetDateTime at;

    public String service;

    public String actor;

    @Column(name = "client_ip")
    public String clientIp;

    public String action;

    public String method;

    public String path;

    @Column(name = "resource_type")
    public String resourceType;

    @Column(name = "resource_id")
    public String resourceId;

    public int status;

    /** The call's path parameters and query, as {@code {pathParameters: {...}, query: {...}}}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> details;

    @Column(name = "previous_hash")
    public String previousHash;

    public String hash;
}
