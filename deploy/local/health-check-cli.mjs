// ./portal health-check <environment> [color]: runs an environment's health checks through the
// gateway and prints each one. Exit code 0 when healthy, 1 when a check failed, 2 when the request
// was refused.
const [url, token, environment, color] = process.argv.slice(2);
const headers = { Authorization: `Bearer ${token}` };

const query = color ? `?color=${encodeURIComponent(color)}` : '';
let response;
try {
  response = await fetch(`${url}/api/environments/${encodeURIComponent(environment)}/health-check${query}`,
    { method: 'POST', headers });
} catch (error) {
  console.error(`portal: health check refused: cannot reach ${url} (${error.cause?.code ?? error.message}); is the portal up?`);
  process.exit(2);
}
const text = await response.text();
let report = null;
try { report = text ? JSON.parse(text) : null; } catch { /* not JSON: reported below */ }
if (response.status !== 200 || !report) {
  const why = report?.detail ?? (text || `HTTP ${response.status}`);
  console.error(`portal: health check refused (HTTP ${response.status}): ${why}`);
  process.exit(2);
}

console.log(`Health check of ${report.environment}` + (report.color ? ` (${report.color})` : '') + ` at ${report.checkedAt}`);
for (const check of report.checks) {
  const outcome = check.skipped ? 'SKIP' : check.passed ? 'PASS' : 'FAIL';
  console.log(`  ${outcome}  ${check.name}: ${check.detail}`);
}
console.log(report.healthy ? `${report.environment} is healthy` : `${report.environment} is unhealthy`);
process.exit(report.healthy ? 0 : 1);
