// How fast the "Check a post" page is in Chromium: a report, not a test (nothing here fails
// on a number). Prints a small table:
//   - navigation to the checker being ready, from the page's own
//     performance.measure('postwise:checker-ready') (check.js start → ready) and from
//     performance.timeOrigin (navigation start → ready), for a first load and later ones;
//   - the time of each check as a person types a 280- and a 2,000-character draft one
//     character at a time (check.js measures every run of the input handler's check and
//     render as 'postwise:check'): median, 99th percentile and worst;
//   - the checker alone in WebAssembly, called from the page on the same drafts many times:
//     the mean per check once warmed up (the page's clock is coarsened to 0.1 ms, too coarse
//     to time one check), the word-level check (`check`) and with the tone tier (`checkTone`),
//     whose own time is the difference. The page checks every keystroke with the tone tier once
//     its model is loaded, so the per-keystroke times above include it.
//
//   node tests/e2e/timing.mjs [--school cotton-end] [--loads 5] [--json]
//
// Starts `postwise serve` through helpers.mjs (POSTWISE_BIN, CHROMIUM as for the tests).
import { parseArgs } from 'node:util';
import { NEWSLETTER_SENTENCES, launchBrowser, openChecker, startServer } from './helpers.mjs';

const { values: options } = parseArgs({
  options: {
    school: { type: 'string', default: 'cotton-end' },
    loads: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
});

// A staff member's post about the week, with a few things the checker flags (a pupil's full
// name, a disguised swear word, a phone number), repeated with small changes up to `length`.
function realisticDraft(length) {
  let text = '';
  for (let i = 0; text.length < length; i++) {
    const sentence = NEWSLETTER_SENTENCES[i % NEWSLETTER_SENTENCES.length];
    text += (text ? (i % 4 === 0 ? '\n\n' : ' ') : '') + (i >= NEWSLETTER_SENTENCES.length ? sentence.replace('Year 5', `Year ${1 + (i % 6)}`) : sentence);
  }
  text = text.slice(0, length);
  return text.length === length ? text : text.padEnd(length, '.');
}

const median = (xs) => quantile(xs, 0.5);
function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)} ms` : '–');

async function readiness(browser, server, school) {
  const { context, page } = await openChecker(browser, server, school);
  const times = await page.evaluate(() => {
    const ready = performance.getEntriesByName('postwise:checker-ready')[0];
    const navigation = performance.getEntriesByType('navigation')[0];
    return {
      // check.js starting → the checker built (glue, wasm, rules.json).
      script: ready.duration,
      // check.js starting → the tone tier's model loaded (fetched after the checker is ready).
      tone: performance.getEntriesByName('postwise:tone-ready')[0]?.duration ?? NaN,
      // Navigation start (performance.timeOrigin) → ready.
      navigation: ready.startTime + ready.duration,
      domContentLoaded: navigation?.domContentLoadedEventEnd ?? NaN,
    };
  });
  await context.close();
  return times;
}

async function typing(browser, server, school, length) {
  const { context, page } = await openChecker(browser, server, school);
  // Every 'postwise:check' measure, as check.js makes it (it keeps only the latest itself).
  await page.evaluate(() => {
    window.checkTimes = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'postwise:check') window.checkTimes.push(entry.duration);
    }).observe({ type: 'measure' });
  });
  const text = realisticDraft(length);
  await page.locator('#draft').focus();
  await page.keyboard.type(text);
  // Observers are called asynchronously: wait until every keystroke's measure has arrived.
  await page.waitForFunction((n) => window.checkTimes.length >= n, [...text].length);
  const result = await page.evaluate(() => ({
    times: window.checkTimes,
    typed: document.querySelector('#draft').value.length,
    findings: document.querySelectorAll('.findings-list > li').length,
  }));
  await context.close();
  const tail = result.times.slice(-50);
  return {
    length,
    typed: result.typed,
    keystrokes: result.times.length,
    findings: result.findings,
    median: median(result.times),
    p99: quantile(result.times, 0.99),
    max: Math.max(...result.times),
    medianAtFullLength: median(tail),
  };
}

// The page's own checker package and rules, loaded again in the page, timed over many checks.
async function checkerAlone(browser, server, school, lengths, runs = 1000) {
  const { context, page } = await openChecker(browser, server, school);
  const drafts = lengths.map((length) => realisticDraft(length));
  const means = await page.evaluate(async ({ drafts, runs }) => {
    const el = document.querySelector('[data-checker]');
    const glue = await import(new URL(el.dataset.glue, document.baseURI).href);
    await glue.default({ module_or_path: el.dataset.wasm });
    const checker = new glue.PostChecker(await (await fetch(el.dataset.rules)).json());
    checker.loadTone(new Uint8Array(await (await fetch(el.dataset.toneModel)).arrayBuffer()));
    const context = { author: 'staff', channel: 'school', media: [] };
    const words = (text) => checker.check(text, context);
    const tone = (text) => checker.checkTone(text, context);
    const mean = (check, text) => {
      const start = performance.now();
      for (let i = 0; i < runs; i++) check(text);
      return (performance.now() - start) / runs;
    };
    return drafts.map((text) => {
      // Both warmed up before either is timed: the browser compiles WebAssembly quickly, then
      // optimises it in the background, so the first one timed would pay for that alone.
      for (let i = 0; i < 300; i++) {
        words(text);
        tone(text);
      }
      return { words: mean(words, text), tone: mean(tone, text) };
    });
  }, { drafts, runs });
  await context.close();
  return lengths.map((length, i) => ({ length, runs, ...means[i] }));
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r, i) => {
    const line = r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ');
    return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const loads = [];
  for (let i = 0; i < Number(options.loads); i++) loads.push(await readiness(browser, server, options.school));
  const later = loads.slice(1);
  const drafts = [];
  for (const length of [280, 2000]) drafts.push(await typing(browser, server, options.school, length));
  const alone = await checkerAlone(browser, server, options.school, [280, 2000]);

  if (options.json) {
    console.log(JSON.stringify({ school: options.school, chromium: browser.version(), loads, drafts, alone }, null, 2));
  } else {
    console.log(`Postwise "Check a post" timings: ${options.school}, Chromium ${browser.version()}, ${Number(options.loads)} loads\n`);
    console.log(table([
      ['checker ready', 'first load', `median of next ${later.length}`],
      ["check.js start → ready ('postwise:checker-ready')", ms(loads[0].script), ms(median(later.map((l) => l.script)))],
      ['navigation start (timeOrigin) → ready', ms(loads[0].navigation), ms(median(later.map((l) => l.navigation)))],
      ['navigation start → DOMContentLoaded', ms(loads[0].domContentLoaded), ms(median(later.map((l) => l.domContentLoaded)))],
      ["check.js start → tone tier ready ('postwise:tone-ready')", ms(loads[0].tone), ms(median(later.map((l) => l.tone)))],
    ]));
    console.log('');
    console.log(table([
      ["per keystroke ('postwise:check': check + render)", 'keystrokes', 'findings', 'median', 'p99', 'max', 'median, last 50'],
      ...drafts.map((d) => [`${d.length.toLocaleString('en-GB')}-character draft`, d.keystrokes, d.findings, ms(d.median), ms(d.p99), ms(d.max), ms(d.medianAtFullLength)]),
    ]));
    console.log('');
    console.log(table([
      ['the checker alone in WebAssembly', 'checks', 'check (words)', 'checkTone (with tone)', 'the tone tier'],
      ...alone.map((a) => [`${a.length.toLocaleString('en-GB')}-character draft`, a.runs, `${(a.words * 1000).toFixed(0)} µs`, `${(a.tone * 1000).toFixed(0)} µs`, `${((a.tone - a.words) * 1000).toFixed(0)} µs`]),
    ]));
  }
} finally {
  await browser.close();
  await server.stop();
}
