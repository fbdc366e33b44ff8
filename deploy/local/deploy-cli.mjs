// ./portal deploy <environment> [strategy] [version]: starts a deployment through the gateway and
// prints its log until it ends. Exit code 0 when it completed, 1 when it failed or was rolled back,
// 2 when the request was refused.
const [url, token, environment, strategy, version] = process.argv.slice(2);
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
const TERMINAL = new Set(['completed', 'failed', 'rolled_back']);

async function call(method, path, body) {
  const response = await fetch(url + path, { method, headers, body: body && JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: reported below */ }
  return { status: response.status, json, text };
}

function refuse(response) {
  const why = response.json?.detail ?? response.text ?? `HTTP ${response.status}`;
  console.error(`portal: deployment refused (HTTP ${response.status}): ${why}`);
  process.exit(2);
}

const started = await call('POST', `/api/environments/${encodeURIComponent(environment)}/deploy`,
  { version, strategy, triggeredBy: 'manual' });
if (started.status !== 202 && started.status !== 200) refuse(started);
const deployment = started.json;
console.log(`Deployment ${deployment.id}: ${strategy} of ${version} to ${environment}`
  + (deployment.dryRun ? ' (dry run: no cluster credentials, nothing is applied)' : ''));

let after = 0;
let status = deployment.status;
while (true) {
  const page = await call('GET', `/api/deployments/${deployment.id}/logs?after=${after}&size=200`);
  if (page.status !== 200) refuse(page);
  for (const line of page.json.lines) {
    console.log(`${line.at.substring(11, 23)} ${line.level.padEnd(5)} ${line.message}`);
  }
  after = page.json.next;
  status = page.json.status;
  if (TERMINAL.has(status) && page.json.lines.length === 0) break;
  if (page.json.lines.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
}
const final = await call('GET', `/api/deployments/${deployment.id}`);
console.log(`Deployment ${deployment.id} ${status}` + (final.json?.error ? `: ${final.json.error}` : ''));
process.exit(status === 'completed' ? 0 : 1);
