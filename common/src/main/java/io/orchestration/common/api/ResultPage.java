package io.orchestration.common.api;

import java.util.List;

/** One page of a list endpoint: the items, where they are in the whole, and how many there are. */
public record ResultPage<T>(List<T> items, int page, int size, long total) {
}
