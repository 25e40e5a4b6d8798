// Load test for `postwise serve`, on loopback only, bounded in time, stopping by itself.
//
//   node tests/load/serve.mjs                 # 2,000 idle connections, 200 clients, 20 s
//   node tests/load/serve.mjs --idle 500 --clients 50 --seconds 10 --json
//
// It serves a copy of the real policies (and of crate/pkg, with a 32 MB WebAssembly file in it
// so one reply fills every buffer) and, at once:
// - holds IDLE connections open that send nothing (each one the server closes is opened again);
// - runs CLIENTS clients, each fetching pages, rules, styles and a missing page one after
//   another on a kept-alive connection;
// - probes the home page on a new connection every 100 ms;
// - has one client ask for the large file and then read nothing, and while it does, edits a
//   policy and waits for the rebuilt page.
// It prints the throughput, the latencies (median, 99th percentile, worst), the worst probe,
// how long the rebuild took, and the server's memory; it fails (exit 1) if a probe took 1 s or
// more or failed, or the rebuild did not come.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const options = { idle: 2000, clients: 200, seconds: 20, json: false };
for (let i = 2; i < process.argv.length; i++) {
  const name = process.argv[i].replace(/^--/, '');
  if (name === 'json') options.json = true;
  else if (name in options) options[name] = Number(process.argv[++i]);
  else throw new Error(`unknown option ${process.argv[i]}`);
}
const bin = process.env.POSTWISE_BIN ?? join(repo, 'target', 'release', 'postwise');
if (!existsSync(bin)) throw new Error(`no postwise binary at ${bin}: cargo build --release (or set POSTWISE_BIN)`);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const work = mkdtempSync(join(tmpdir(), 'postwise-load-'));
cpSync(join(repo, 'policies'), join(work, 'policies'), { recursive: true });
const pkg = join(work, 'pkg');
if (existsSync(join(repo, 'crate', 'pkg'))) cpSync(join(repo, 'crate', 'pkg'), pkg, { recursive: true });
mkdirSync(pkg, { recursive: true });
if (!existsSync(join(pkg, 'postwise.js'))) writeFileSync(join(pkg, 'postwise.js'), 'export default 1;\n');
writeFileSync(join(pkg, 'postwise_bg.wasm'), Buffer.alloc(32 << 20, 7));

const server = spawn(bin, ['serve', '--port', '0', '--no-live-reload', '--today', '2025-01-15',
  '--policies', join(work, 'policies'), '--wasm-pkg', pkg, '--out', join(work, 'site')],
{ stdio: ['ignore', 'pipe', 'pipe'] });
let stderr = '';
server.stderr.on('data', (chunk) => { stderr += chunk; });
// Whatever happens, nothing outlives the test.
const hardStop = setTimeout(() => { server.kill('SIGKILL'); process.exit(2); }, (options.seconds + 120) * 1000);

const port = await new Promise((resolvePort, reject) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const match = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (match) resolvePort(Number(match[1]));
  });
  server.on('exit', (code) => reject(new Error(`postwise serve exited with ${code}:\n${stderr}`)));
});
const host = '127.0.0.1';
const memory = () => {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const field = (name) => Number(status.match(new RegExp(`${name}:\\s+(\\d+)`))?.[1] ?? 0) / 1024;
  return { rss_mb: Math.round(field('VmRSS') * 10) / 10, peak_mb: Math.round(field('VmHWM') * 10) / 10 };
};
const before = memory();

const schools = readdirSync(join(work, 'policies'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && !e.name.startsWith('_')).map((e) => e.name);
const assets = readdirSync(join(work, 'site', 'assets'));
const wasm = assets.find((n) => n.startsWith('postwise_bg.'));
const css = assets.find((n) => n.startsWith('postwise.') && n.endsWith('.css'));
const urls = schools.flatMap((s) => [`/${s}/`, `/${s}/policy.html`, `/${s}/rules.html`, `/${s}/rules.json`])
  .concat(['/', `/assets/${css}`, '/no/such/page.html']);
let stopping = false;

// Idle connections: opened, and opened again when the server closes them.
let idleOpen = 0;
let idleReopened = 0;
let idleRefused = 0;
const idleSockets = new Set();
function openIdle() {
  if (stopping) return;
  const socket = net.connect(port, host);
  idleSockets.add(socket);
  let opened = false;
  socket.on('connect', () => { opened = true; idleOpen++; });
  socket.on('error', () => {});
  socket.on('data', () => {});
  socket.on('close', () => {
    idleSockets.delete(socket);
    if (opened) idleOpen--; else idleRefused++;
    if (!stopping) { idleReopened++; setTimeout(openIdle, 50); }
  });
}
for (let i = 0; i < options.idle; i++) {
  openIdle();
  if (i % 200 === 199) await sleep(20);
}
await sleep(500);
const withIdle = memory();

// Clients: one kept-alive connection each, one request after another.
const latencies = [];
let failures = 0;
function fetchOnce(agent, path) {
  return new Promise((done) => {
    const started = performance.now();
    const request = http.get({ host, port, path, agent }, (response) => {
      response.on('data', () => {});
      response.on('end', () => { latencies.push(performance.now() - started); done(response.statusCode); });
    });
    request.setTimeout(10_000, () => request.destroy(new Error('timeout')));
    request.on('error', () => { failures++; done(0); });
  });
}
const deadline = Date.now() + options.seconds * 1000;
const clients = Array.from({ length: options.clients }, async (_, index) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let n = index; Date.now() < deadline; n++) await fetchOnce(agent, urls[n % urls.length]);
  agent.destroy();
});

// Probes: a new connection every 100 ms.
const probes = [];
let probeFailures = 0;
const probing = (async () => {
  while (Date.now() < deadline) {
    const started = performance.now();
    const status = await fetchOnce(new http.Agent({ keepAlive: false }), '/');
    if (status !== 200) probeFailures++;
    probes.push(performance.now() - started);
    await sleep(100);
  }
})();

// A reader that asks for 32 MB and reads nothing, then a rebuild while it waits.
await sleep(1000);
const stalled = net.connect(port, host, () => {
  stalled.write(`GET /assets/${wasm} HTTP/1.1\r\nHost: ${host}:${port}\r\n\r\n`);
});
stalled.on('error', () => {});
stalled.pause();
await sleep(1000);
const school = schools[0];
const policyFile = join(work, 'policies', school, 'policy.md');
writeFileSync(policyFile, `${readFileSync(policyFile, 'utf8')}\n{#load-test} Added while a client reads nothing.\n`);
const rebuildStarted = performance.now();
let rebuildMs = null;
const rebuilt = (async () => {
  while (Date.now() < deadline + 30_000) {
    const page = await new Promise((done) => {
      http.get({ host, port, path: `/${school}/policy.html`, agent: false }, (response) => {
        let body = '';
        response.on('data', (chunk) => { body += chunk; });
        response.on('end', () => done(body));
      }).on('error', () => done(''));
    });
    if (page.includes('Added while a client reads nothing.')) {
      rebuildMs = performance.now() - rebuildStarted;
      return;
    }
    await sleep(100);
  }
})();

await Promise.all([...clients, probing, rebuilt]);
const during = memory();
stopping = true;
stalled.destroy();
for (const socket of idleSockets) socket.destroy();
clearTimeout(hardStop);
server.kill();
await new Promise((r) => (server.exitCode === null ? server.once('exit', r) : r()));
rmSync(work, { recursive: true, force: true });

const sorted = [...latencies].sort((a, b) => a - b);
const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
const round = (ms) => Math.round(ms * 10) / 10;
const report = {
  idle_connections: options.idle,
  idle_reopened: idleReopened,
  idle_refused: idleRefused,
  clients: options.clients,
  seconds: options.seconds,
  requests: latencies.length,
  failed_requests: failures,
  throughput_per_s: Math.round(latencies.length / options.seconds),
  latency_ms: { median: round(at(0.5)), p99: round(at(0.99)), worst: round(sorted.at(-1) ?? NaN) },
  probes: probes.length,
  failed_probes: probeFailures,
  worst_probe_ms: round(Math.max(...probes)),
  rebuild_with_stalled_reader_ms: rebuildMs === null ? null : Math.round(rebuildMs),
  memory: { before_mb: before.rss_mb, with_idle_mb: withIdle.rss_mb, peak_mb: during.peak_mb },
};
if (options.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(`postwise serve under load (${options.seconds} s, loopback)`);
  console.log(`  ${report.idle_connections} idle connections (reopened ${idleReopened} times after the server closed them; ${idleRefused} refused)`);
  console.log(`  ${report.clients} clients: ${report.requests} requests, ${report.throughput_per_s}/s, ${failures} failed`);
  console.log(`  latency: median ${report.latency_ms.median} ms, 99th percentile ${report.latency_ms.p99} ms, worst ${report.latency_ms.worst} ms`);
  console.log(`  probes: ${probes.length}, worst ${report.worst_probe_ms} ms, ${probeFailures} failed`);
  console.log(`  rebuild while a client reads nothing: ${rebuildMs === null ? 'NOT DONE' : `${report.rebuild_with_stalled_reader_ms} ms`}`);
  console.log(`  server memory: ${before.rss_mb} MB at start, ${withIdle.rss_mb} MB with the idle connections, ${during.peak_mb} MB at most`);
}
const ok = probeFailures === 0 && report.worst_probe_ms < 1000 && rebuildMs !== null;
if (!ok) console.error('FAILED: a probe failed or took 1 s or more, or the rebuild did not come');
process.exit(ok ? 0 : 1);
