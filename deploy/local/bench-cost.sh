#!/usr/bin/env bash
# The FOCUS import benchmark of cost-service: a generated ~1 GB file imported into the packaged service run with a
# small heap (plain, gzip and multipart), against a raw COPY of the same file; written to docs/benchmarks.md under
# "## Cost import". Needs PostgreSQL and Kafka up (./portal up). Environment: COST_BENCH_DB (default cost_test),
# COST_BENCH_ROWS (default 5600000, about 1.03 GB), COST_BENCH_HEAP (the service's -Xmx, default 256m).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# The benchmark starts cost-service/target/quarkus-app/quarkus-run.jar itself, so package it first.
mvn -B -q -DskipTests package -pl cost-service -am
mvn -B -q verify -pl cost-service -am \
  -Dtest=CostImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dquarkus.http.test-port=0 \
  -Dbench.cost=true -Dbench.cost.db="${COST_BENCH_DB:-cost_test}" \
  -Dbench.cost.rows="${COST_BENCH_ROWS:-5600000}" -Dbench.cost.heap="${COST_BENCH_HEAP:-256m}"
sed -n '/^## Cost import/,/^## [^C]/p' docs/benchmarks.md
