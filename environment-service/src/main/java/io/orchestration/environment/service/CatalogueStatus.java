package io.orchestration.environment.service;

import io.orchestration.environment.catalogue.CatalogueError;

import java.time.OffsetDateTime;
import java.util.List;

/** The outcome of the last attempt to load the catalogue file, for operators who edit it by hand. */
public record CatalogueStatus(String file, boolean valid, OffsetDateTime checkedAt, List<CatalogueError> errors, SyncReport lastSync) {
}
