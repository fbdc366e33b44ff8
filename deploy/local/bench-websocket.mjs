// WebSocket fan-out benchmark client, run by bench-websocket.sh: N clients in this one Node process connect to the
// gateway's live feed; events published on the gateway's Kafka topic carry their publish time; each client notes
// when it receives each event. Usage: node bench-websocket.mjs topics|run (settings in the environment, below).
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const env = (name, fallback) => process.env[name] ?? fallback;
const require = createRequire(`${env('BENCH_NODE_DIR')}/package.json`);
const WebSocket = require('ws');
const { Kafka, logLevel } = require('kafkajs');

const PREFIX = env('BENCH_TOPIC_PREFIX', 'bench.');
const TOPICS = ['environment', 'deployment', 'monitoring', 'alert', 'cost', 'admin'].map((d) => `${PREFIX}${d}-events`);
const kafka = new Kafka({ clientId: 'portal-bench', brokers: [env('KAFKA_BOOTSTRAP', '127.0.0.1:9092')], logLevel: logLevel.ERROR });

async function createTopics() {
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const missing = TOPICS.filter((t) => !existing.has(t));
  if (missing.length > 0) {
    await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: 1 })) });
  }
  await admin.disconnect();
  console.error(`topics ready (${missing.length} created): ${TOPICS.join(', ')}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function rssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function run() {
  const url = env('BENCH_WS_URL');
  // As browsers do (README): the token travels as a Sec-WebSocket-Protocol entry the gateway turns into a header.
  const carried = encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${env('BENCH_TOKEN')}`);
  const clients = Number(env('BENCH_WS_CLIENTS', '10000'));
  const events = Number(env('BENCH_WS_EVENTS', '20'));
  const intervalMs = Number(env('BENCH_WS_INTERVAL_MS', '1000'));
  const gatewayPid = env('BENCH_GATEWAY_PID');
  const out = env('BENCH_OUT');

  let peakRss = 0;
  const sampleRss = () => { peakRss = Math.max(peakRss, rssMb(gatewayPid)); };
  const rssTimer = setInterval(sampleRss, 250);
  const rssBefore = rssMb(gatewayPid);

  // Receipts: per measured event (seq >= 0) the latency of every client that received it.
  const latencies = [];
  const receivedPerEvent = new Map();
  let warmupReceipts = 0;
  const onMessage = (raw) => {
    const now = Date.now();
    const text = raw.toString();
    const match = /"seq":(-?\d+),"sentAt":(\d+)/.exec(text);
    if (!match) return;
    const seq = Number(match[1]);
    if (seq < 0) { warmupReceipts++; return; }
    latencies.push(now - Number(match[2]));
    receivedPerEvent.set(seq, (receivedPerEvent.get(seq) ?? 0) + 1);
  };

  // Connect with at most 200 handshakes in flight.
  const sockets = [];
  const failures = new Map();
  let closedAfterOpen = 0;
  const connectStarted = Date.now();
  const connectOne = () => new Promise((resolve) => {
    const socket = new WebSocket(url, ['bearer-token-carrier', carried], { perMessageDeflate: false, handshakeTimeout: 30000 });
    let opened = false;
    socket.on('open', () => { opened = true; sockets.push(socket); resolve(); });
    socket.on('message', onMessage);
    socket.on('unexpected-response', (req, res) => {
      const reason = `HTTP ${res.statusCode}`;
      failures.set(reason, (failures.get(reason) ?? 0) + 1);
      req.destroy();
      resolve();
    });
    socket.on('error', (e) => {
      if (!opened) { failures.set(e.code ?? e.message, (failures.get(e.code ?? e.message) ?? 0) + 1); resolve(); }
    });
    socket.on('close', () => { if (opened) closedAfterOpen++; });
  });
  let next = 0;
  const worker = async () => { while (next < clients) { next++; await connectOne(); } };
  await Promise.all(Array.from({ length: Math.min(200, clients) }, worker));
  const connectSeconds = (Date.now() - connectStarted) / 1000;
  sampleRss();
  const rssConnected = rssMb(gatewayPid);
  console.error(`${sockets.length} of ${clients} clients connected in ${connectSeconds.toFixed(1)} s; failures: ${JSON.stringify(Object.fromEntries(failures))}`);

  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const publish = (seq) => producer.send({
    topic: TOPICS[0],
    acks: -1,
    messages: [{
      key: 'bench',
      // The publish time goes in the payload; clients subtract it from their receipt time (same clock).
      value: JSON.stringify({ seq, sentAt: Date.now(), source: 'demo', note: 'portal benchmark event' }),
      headers: {
        ce_specversion: '1.0', ce_id: randomUUID(), ce_type: 'io.orchestration.environment.updated',
        ce_source: '/bench', ce_subject: 'bench', ce_time: new Date().toISOString(), 'content-type': 'application/json',
      },
    }],
  });

  // Warm-up: until every connected client has received one event (or 30 s), then three more; not measured.
  const warmupStarted = Date.now();
  let warmups = 0;
  while (warmupReceipts < sockets.length && Date.now() - warmupStarted < 30000) {
    await publish(-1 - warmups++);
    await sleep(1000);
  }
  for (let i = 0; i < 3; i++) { await publish(-1 - warmups++); await sleep(intervalMs); }

  const measuredStarted = Date.now();
  for (let seq = 0; seq < events; seq++) {
    await publish(seq);
    await sleep(intervalMs);
  }
  const expected = sockets.length * events;
  const deadline = Date.now() + 15000;
  while (latencies.length < expected && Date.now() < deadline) await sleep(100);
  clearInterval(rssTimer);
  sampleRss();

  const sorted = Float64Array.from(latencies).sort();
  const perEventComplete = [...Array(events).keys()].filter((s) => receivedPerEvent.get(s) === sockets.length).length;
  const summary = {
    clients, connected: sockets.length, connectSeconds, failures: Object.fromEntries(failures), closedAfterOpen,
    events, intervalMs, warmups, expected, received: latencies.length, perEventComplete,
    p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? null,
    rssBeforeMb: rssBefore, rssConnectedMb: rssConnected, rssPeakMb: peakRss,
    measuredSeconds: (Date.now() - measuredStarted) / 1000,
  };
  writeFileSync(`${out}/latencies.txt`, sorted.join('\n') + '\n');
  // The cumulative distribution for the plot: latency (ms) and the share of deliveries at or below it, per 0.1 %.
  const cdf = [...Array(1001).keys()].map((i) => `${percentile(sorted, Math.max(i / 10, 0.001))} ${i / 10}`);
  writeFileSync(`${out}/cdf.txt`, cdf.join('\n') + '\n');
  writeFileSync(`${out}/summary.json`, JSON.stringify(summary, null, 2) + '\n');
  console.error(JSON.stringify(summary));
  await producer.disconnect();
  for (const socket of sockets) socket.terminate();
}

const mode = process.argv[2];
(mode === 'topics' ? createTopics() : mode === 'run' ? run() : Promise.reject(new Error('usage: bench-websocket.mjs topics|run')))
  .then(() => process.exit(0))
  .catch((e) => { console.error(e); process.exit(1); });
