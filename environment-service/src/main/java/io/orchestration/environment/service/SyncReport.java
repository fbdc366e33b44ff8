package io.orchestration.environment.service;

import java.util.List;

/** What a catalogue reload changed in the portal's state. */
public record SyncReport(String file, List<String> created, List<String> updated, List<String> deleted, int unchanged) {
}
