package io.orchestration.admin.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;

/** A person who signs in to the portal; the password is kept only as a bcrypt hash. */
@Entity
@Table(name = "admin_user")
public class AdminUser extends PanacheEntityBase {

    @Id
    public String username;

    @Column(name = "password_hash")
    public String passwordHash;

    /** viewer, operator or admin ({@link io.orchestration.common.security.Roles}). */
    public String role;

    public boolean enabled;

    /** Failed logins in a row since the last success or lockout. */
    @Column(name = "failed_logins")
    public int failedLogins;

    @Column(name = "locked_until")
    public OffsetDateTime lockedUntil;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    @Version
    @Column(name = "row_version")
    public long rowVersion;

    public boolean lockedAt(OffsetDateTime now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
