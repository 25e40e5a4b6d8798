// How long a school's busiest pages take to be ready on a slow school network and a slow
// tablet: a report, not a test. For the "Check a post" page and a quiz, in a fresh browser
// (a first visit) and again in the same one (a later visit, with the school's pages kept by its
// service worker), it prints the time from navigation to the page's own readiness
// ([data-checker] or [data-quiz-app] getting data-ready), the median of several runs.
//
//   node tests/e2e/first-load.mjs [--school chestnuts] [--runs 3] [--kbps 1600] [--latency 150] [--cpu 4]
//
// The network and the CPU are slowed with the Chrome DevTools Protocol (Network.emulateNetworkConditions,
// Emulation.setCPUThrottlingRate). Starts `postwise serve` through helpers.mjs (POSTWISE_BIN,
// CHROMIUM as for the tests), so two binaries can be compared on the same machine.
import { parseArgs } from 'node:util';
import { launchBrowser, startServer } from './helpers.mjs';

const { values: options } = parseArgs({
  options: {
    school: { type: 'string', default: 'chestnuts' },
    runs: { type: 'string', default: '3' },
    kbps: { type: 'string', default: '1600' },
    latency: { type: 'string', default: '150' },
    cpu: { type: 'string', default: '4' },
  },
});

const pages = [
  ['Check a post', `/${options.school}/check.html`, '[data-checker]'],
  ['a quiz', `/${options.school}/quiz-be-smart-online-7-11.html`, '[data-quiz-app]'],
];

// Records when the page's own element gets data-ready, measured from navigation start.
function watchReady(selector) {
  new MutationObserver((_, observer) => {
    if (document.querySelector(`${selector}[data-ready]`)) {
      window.postwiseReadyAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
}

async function slowed(context, page) {
  const cdp = await context.newCDPSession(page);
  const bytesPerSecond = (Number(options.kbps) * 1000) / 8;
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: Number(options.latency),
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(options.cpu) });
}

async function readyAfter(context, path, selector) {
  const page = await context.newPage();
  await slowed(context, page);
  await page.addInitScript(watchReady, selector);
  await page.goto(server.url(path), { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.postwiseReadyAt !== undefined, null, { timeout: 120_000 });
  const ms = await page.evaluate(() => window.postwiseReadyAt);
  // A later visit finds the service worker in place: give it the time to keep the files.
  await page.waitForFunction(() => !document.querySelector('meta[name="postwise-build"]') || document.documentElement.dataset.offline === 'ready' || !('serviceWorker' in navigator), null, { timeout: 120_000 }).catch(() => {});
  await page.close();
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await startServer();
const browser = await launchBrowser();
try {
  console.log(`${options.kbps} kbit/s, ${options.latency} ms latency, CPU slowed ${options.cpu}×, median of ${options.runs} runs`);
  console.log('page'.padEnd(16), 'first visit'.padStart(12), 'later visit'.padStart(12));
  for (const [name, path, selector] of pages) {
    const first = [];
    const later = [];
    for (let run = 0; run < Number(options.runs); run += 1) {
      const context = await browser.newContext();
      first.push(await readyAfter(context, path, selector));
      later.push(await readyAfter(context, path, selector));
      await context.close();
    }
    const s = (x) => `${(x / 1000).toFixed(2)} s`.padStart(12);
    console.log(name.padEnd(16), s(median(first)), s(median(later)));
  }
} finally {
  await browser.close();
  await server.stop();
}
