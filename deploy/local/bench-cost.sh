#!/usr/bin/env bash
# The FOCUS import benchmark of cost-service: rows/s through POST /api/costs/imports against a raw COPY
# of the same file, written to docs/benchmarks.md under "## Cost import".
# Needs PostgreSQL and Kafka up (./portal up). Environment: COST_BENCH_DB (default cost_test),
# COST_BENCH_ROWS (default 1000000).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
mvn -B -q verify -pl cost-service -am \
  -Dtest=CostImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dquarkus.http.test-port=0 \
  -D%test.portal.db="${COST_BENCH_DB:-cost_test}" \
  -Dbench.cost=true -Dbench.cost.rows="${COST_BENCH_ROWS:-1000000}"
sed -n '/^## Cost import/,/^## [^C]/p' docs/benchmarks.md
