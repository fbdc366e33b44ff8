package io.orchestration.deployment.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import io.orchestration.outbox.IdEnum;

import java.util.Locale;
import java.util.Set;

/** Where a deployment is in its life: queued -> deploying -> completed | failed | rolled_back. */
public enum DeploymentStatus implements IdEnum {
    QUEUED, DEPLOYING, COMPLETED, FAILED, ROLLED_BACK;

    /** Still holds its environment: a second deployment there must wait. */
    public static final Set<DeploymentStatus> ACTIVE = Set.of(QUEUED, DEPLOYING);

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return !ACTIVE.contains(this);
    }

    /** A queued deployment can be started or dropped (failed); a running one ends one of three ways. */
    public boolean canBecome(DeploymentStatus next) {
        return switch (this) {
            case QUEUED -> next == DEPLOYING || next == FAILED;
            case DEPLOYING -> next == COMPLETED || next == FAILED || next == ROLLED_BACK;
            case COMPLETED, FAILED, ROLLED_BACK -> false;
        };
    }

    public static DeploymentStatus fromId(String id) {
        return IdEnum.fromId(DeploymentStatus.class, id);
    }

    @jakarta.persistence.Converter
    public static class Column extends IdEnum.Column<DeploymentStatus> {
        public Column() {
            super(DeploymentStatus.class);
        }
    }
}
