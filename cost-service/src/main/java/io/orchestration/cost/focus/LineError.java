package io.orchestration.cost.focus;

/** Why a line of a file was not imported. */
public record LineError(long line, String reason) {
}
