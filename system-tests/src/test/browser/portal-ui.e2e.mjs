// The web UI end to end in Debian's Chromium against the running suite: sign in, see the environments, toggle one
// and watch a second browser update live, deploy (dry run) and follow the log to the end, acknowledge an alert, and
// save a screenshot of every view. Run by BrowserEndToEndIT; exits non-zero on the first failed expectation.
//
// PORTAL_URL (the gateway), PORTAL_ADMIN_PASSWORD (user admin), SCREENSHOT_DIR (PNG per view), CHROMIUM (the browser).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = required('PORTAL_URL');
const adminPassword = required('PORTAL_ADMIN_PASSWORD');
const screenshots = required('SCREENSHOT_DIR');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const run = Date.now().toString(36);
const TOGGLED = 'ibm-eu-de-dev';
const DEPLOYED = 'gcp-euw4-staging';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Set ${name}`);
  }
  return value;
}

function expect(condition, message) {
  if (!condition) {
    throw new Error(`Expectation failed: ${message}`);
  }
}

function step(text) {
  console.log(`[browser e2e] ${new Date().toISOString()} ${text}`);
}

/** Waits until the view has no loading indicator left, then a moment for charts to draw. */
async function settled(page) {
  await page.waitForFunction(() => document.querySelectorAll('[role=status]').length === 0, null, { timeout: 60_000 });
  await page.waitForTimeout(700);
}

async function shot(page, name) {
  await settled(page);
  await page.screenshot({ path: `${screenshots}/${name}.png` });
  step(`screenshot ${name}.png`);
}

async function signIn(context, username, password, screenshotName) {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`[${username} page error] ${error.message}`));
  await page.goto(`${base}/`);
  await page.waitForURL('**/login');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  if (screenshotName) {
    await page.screenshot({ path: `${screenshots}/${screenshotName}.png` });
  }
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-environment]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid=connection-state] >> text=live: open', { timeout: 30_000 });
  return page;
}

async function api(page, method, path, body) {
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('portal.session')).token);
  const response = await page.request.fetch(`${base}${path}`, {
    method, data: body, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  });
  const text = await response.text();
  return { status: response.status(), body: text ? JSON.parse(text) : null };
}

async function enabledShownOn(page, environment) {
  return (await page.textContent(`[data-environment="${environment}"] [data-testid=enabled-state]`)).trim();
}

async function main() {
  mkdirSync(screenshots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const viewerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });

    step('admin signs in and sees every environment of the catalogue');
    const admin = await signIn(adminContext, 'admin', adminPassword, 'login');
    const listed = await api(admin, 'GET', '/api/environments?size=200');
    expect(listed.status === 200, `environments answered ${listed.status}`);
    await settled(admin);
    const cards = await admin.locator('[data-environment]').count();
    expect(cards === listed.body.total, `${cards} environment cards for ${listed.body.total} environments`);
    expect(Number(await admin.textContent('[data-testid=stat-total]')) === listed.body.total, 'the total statistic');
    await shot(admin, 'dashboard');

    step('a viewer signs in in a second browser and is offered no admin or deploy controls');
    const viewerName = `e2e-viewer-${run}`;
    const viewerPassword = `viewer password ${run}`;
    const created = await api(admin, 'POST', '/api/admin/users', { username: viewerName, password: viewerPassword, role: 'viewer' });
    expect(created.status === 201, `creating the viewer answered ${created.status}: ${JSON.stringify(created.body)}`);
    const viewer = await signIn(viewerContext, viewerName, viewerPassword);
    expect(await viewer.locator('nav >> text=Admin').count() === 0, 'a viewer sees no Admin link');
    await viewer.goto(`${base}/environments/${DEPLOYED}`);
    await viewer.waitForSelector('text=Deployment history');
    expect(await viewer.locator('button:has-text("Deploy")').count() === 0, 'a viewer sees no Deploy button');
    await viewer.goto(`${base}/`);
    await viewer.waitForSelector(`[data-environment="${TOGGLED}"]`);
    await viewer.waitForSelector('[data-testid=connection-state] >> text=live: open', { timeout: 30_000 });

    step(`admin toggles ${TOGGLED}; the viewer's dashboard follows without a reload`);
    const before = await enabledShownOn(viewer, TOGGLED);
    const after = before === 'enabled' ? 'disabled' : 'enabled';
    await admin.goto(`${base}/admin`);
    const row = admin.locator(`[data-admin-environment="${TOGGLED}"]`);
    await row.locator('button', { hasText: /^(Enable|Disable)$/ }).click();
    await row.locator(`[data-status="${after}"]`).waitFor({ timeout: 20_000 });
    await viewer.waitForFunction(({ environment, state }) => document.querySelector(
      `[data-environment="${environment}"] [data-testid=enabled-state]`)?.textContent?.trim() === state,
    { environment: TOGGLED, state: after }, { timeout: 20_000 });
    await viewer.locator('[data-testid=live-events] >> text=environment-updated').first().waitFor({ timeout: 5_000 });
    step(`viewer saw ${TOGGLED} become ${after} live`);
    await shot(admin, 'admin');
    await row.locator('button', { hasText: /^(Enable|Disable)$/ }).click();
    await viewer.waitForFunction(({ environment, state }) => document.querySelector(
      `[data-environment="${environment}"] [data-testid=enabled-state]`)?.textContent?.trim() === state,
    { environment: TOGGLED, state: before }, { timeout: 20_000 });

    step(`admin deploys a dry-run canary to ${DEPLOYED} and follows the log to the end`);
    for (let attempt = 0; ; attempt++) {
      const status = await api(admin, 'GET', `/api/environments/${DEPLOYED}/status`);
      if (status.status === 200 && !status.body.active) {
        break;
      }
      expect(attempt < 120, `${DEPLOYED} never became deployable (${status.status})`);
      await admin.waitForTimeout(500);
    }
    await admin.goto(`${base}/environments/${DEPLOYED}`);
    await admin.waitForSelector('text=Deployment history');
    await admin.click('button:has-text("Deploy")');
    const version = `1.2.${Date.now() % 100000}`;
    await admin.fill('input[name=version]', version);
    await admin.check('input[name=strategy][value=canary]');
    await admin.screenshot({ path: `${screenshots}/deploy-dialog.png` });
    await admin.click('[role=dialog] button[type=submit]');
    await admin.waitForURL('**/deployments/*', { timeout: 30_000 });
    const deploymentId = admin.url().split('/').pop();
    await admin.waitForSelector('[data-testid=deployment-status] [data-status=completed]', { timeout: 120_000 });
    await admin.waitForSelector('[role=progressbar][aria-valuenow="100"]');
    await admin.locator('[data-testid=deployment-log] >> text=route weights stable 90, canary 10').first().waitFor({ timeout: 30_000 });
    // The last line may be written just after the status turns completed: it must still reach the page without a reload.
    const logs = await api(admin, 'GET', `/api/deployments/${deploymentId}/logs?size=500`);
    const written = logs.body.lines.length;
    await admin.waitForFunction((count) => document.querySelectorAll('[data-testid=deployment-log] > div[class]').length === count,
      written, { timeout: 20_000 }).catch(async () => {
      const shown = await admin.locator('[data-testid=deployment-log] > div[class]').count();
      throw new Error(`Expectation failed: the page shows ${shown} log lines, the API holds ${written}`);
    });
    const shownLines = written;
    expect(await viewer.locator('[data-testid=live-events] >> text=deployment-log').count() > 0, 'log lines reached the live feed');
    step(`deployment ${deploymentId} (${version}) completed with ${shownLines} log lines shown`);
    await shot(admin, 'deployment');
    await admin.click(`a:has-text("${DEPLOYED}")`);
    await admin.locator(`[data-deployment="${deploymentId}"]`).waitFor({ timeout: 20_000 });
    await shot(admin, 'environment');

    step('admin acknowledges an alert');
    const raised = await api(admin, 'POST', '/api/alerts', {
      environment: DEPLOYED, source: 'e2e', name: `browser-e2e-${run}`, severity: 'warning',
      message: 'Raised by the browser end-to-end test to be acknowledged in the UI',
    });
    expect(raised.status === 201 || raised.status === 200, `raising an alert answered ${raised.status}: ${JSON.stringify(raised.body)}`);
    const alertId = raised.body.id;
    await admin.goto(`${base}/alerts`);
    await admin.fill('input[name=environment]', DEPLOYED);
    const item = admin.locator(`[data-alert="${alertId}"]`);
    await item.waitFor({ timeout: 30_000 });
    await shot(admin, 'alerts');
    await item.locator('button:has-text("Acknowledge")').click();
    await item.locator('[data-testid=acknowledged]').waitFor({ timeout: 20_000 });
    const acknowledged = await api(admin, 'GET', `/api/alerts/${alertId}`);
    expect(acknowledged.body.acknowledged === true && acknowledged.body.acknowledgedBy === 'admin', 'the alert is acknowledged by admin');

    step('screenshots of the other views');
    for (const [path, name] of [['/dashboard/health', 'health'], ['/dashboard/costs', 'costs'], ['/monitoring', 'monitoring'],
      ['/monitoring/besu', 'monitoring-besu'], ['/monitoring/cacti', 'monitoring-cacti'], ['/monitoring/firefly', 'monitoring-firefly'],
      ['/monitoring/chainlink-ccip', 'monitoring-chainlink-ccip']]) {
      await admin.goto(`${base}${path}`);
      await admin.waitForSelector('main h1');
      await shot(admin, name);
    }
    step('a chart of live samples, where the suite has a chain it collects from');
    const liveChain = await api(admin, 'GET', '/api/environments/local-devnet/metrics?service=besu&range=1h');
    const liveSeries = liveChain.status === 200 ? liveChain.body.series.filter((s) => s.source === 'live' && s.points.length > 1) : [];
    if (liveSeries.length > 0) {
      await admin.goto(`${base}/monitoring/besu`);
      await admin.selectOption('select[aria-label=Environment]', 'local-devnet');
      await admin.locator(`[data-metric="${liveSeries[0].metric}"][data-source=live] canvas`).waitFor({ timeout: 20_000 });
      expect(await admin.locator('[data-source=demo]').count() === 0, 'no chart of local-devnet is labelled demo');
      await shot(admin, 'monitoring-besu-live');
    } else {
      step(`skipped: local-devnet has no live Besu samples here (${liveChain.status}); ./portal up runs a dev chain for it`);
    }
    await admin.goto(`${base}/admin`);
    for (const [tab, name] of [['Users', 'admin-users'], ['Notification channels', 'admin-channels']]) {
      await admin.click(`[role=tab]:has-text("${tab}")`);
      await shot(admin, name);
    }
    await admin.click('[role=tab]:has-text("audit log")');
    await admin.click('button:has-text("Verify chain")');
    await admin.locator('[data-testid=audit-verification] >> text=Chain intact').waitFor({ timeout: 30_000 });
    await shot(admin, 'admin-audit');
    await admin.setViewportSize({ width: 820, height: 1180 });
    await admin.goto(`${base}/`);
    await admin.waitForSelector('[data-environment]');
    await shot(admin, 'dashboard-tablet');
    step('all passed');
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(`[browser e2e] FAILED: ${error.stack ?? error}`);
  process.exit(1);
});
