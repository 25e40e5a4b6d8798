// Shared by the browser tests: start `postwise serve` on a free port, launch Debian's
// Chromium through playwright-core, and open pages that record what they fetch.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The school ids, as folders under policies/ (not `_shared`). */
export function schoolIds() {
  return readdirSync(join(repo, 'policies'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('_') && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

/**
 * Builds the real policies into a fresh folder and serves it with `postwise serve --port 0`.
 * Resolves to { origin, url(path), stop() } once the server prints its address. By default
 * without live reload: a test's page must not reload, or hold a connection open, on its own.
 * `policies` serves another policies folder.
 */
export async function startServer({ liveReload = false, policies } = {}) {
  const bin = process.env.POSTWISE_BIN ?? join(repo, 'target', 'debug', 'postwise');
  if (!existsSync(bin)) throw new Error(`no postwise binary at ${bin}: run tests/e2e/run.sh`);
  const out = mkdtempSync(join(tmpdir(), 'postwise-e2e-'));
  const args = ['serve', '--port', '0', '--out', join(out, 'site')];
  if (!liveReload) args.push('--no-live-reload');
  if (policies) args.push('--policies', policies);
  const child = spawn(bin, args, {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const origin = await new Promise((resolveOrigin, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`postwise serve did not start:\n${stderr}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolveOrigin(`http://127.0.0.1:${match[1]}`);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`postwise serve exited with ${code}:\n${stderr}`));
    });
  });
  return {
    origin,
    url: (path) => new URL(path, origin + '/').href,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill();
        await exited;
      }
      rmSync(out, { recursive: true, force: true });
    },
  };
}

/**
 * Debian's Chromium, headless, with nothing phoning home. `scrollbars: true` shows classic
 * scrollbars that take up room, as on Windows (Playwright hides them by default).
 */
export function launchBrowser({ scrollbars = false } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    ignoreDefaultArgs: scrollbars ? ['--hide-scrollbars'] : [],
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A new context and page that record every request, every failed response and every console
 * error (CSP violations are reported there). `options` go to `browser.newContext`. What a
 * school's service worker fetches by itself (its pages' files, kept for use offline, whenever
 * it installs) is in `workerRequests`, apart from what the page asks for.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const log = { requests: [], workerRequests: [], failures: [], consoleErrors: [] };
  context.on('request', (request) => (request.serviceWorker() ? log.workerRequests : log.requests).push(request.url()));
  context.on('response', (response) => {
    if (response.status() >= 400) log.failures.push(`${response.status()} ${response.url()}`);
  });
  context.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    // A request the browser cancels because the test navigated on (a favicon, a late image) is
    // not the site failing; a refused or reset connection is.
    if (error !== 'net::ERR_ABORTED') log.failures.push(`failed ${request.url()}: ${error}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') log.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => log.consoleErrors.push(String(error)));
  return { context, page, log };
}

/** The pages every school has that these tests check, relative to the site root. */
export function schoolPages(id) {
  return [`${id}/index.html`, `${id}/policy.html`, `${id}/rules.html`];
}

/**
 * Opens a school's "Check a post" page (`query` like `?author=pupil`) and waits until the
 * checker is ready. Waits for the page's own signal, not the `load` event: `load` needs every
 * subresource, and the checker is usable before the print stylesheet arrives.
 */
export async function openChecker(browser, server, school, { query = '', ...options } = {}) {
  const opened = await openPage(browser, options);
  await opened.page.goto(server.url(`/${school}/check.html${query}`), { waitUntil: 'domcontentloaded' });
  await opened.page.waitForSelector('[data-checker][data-ready="true"]', { state: 'attached', timeout: 15_000 });
  return opened;
}

/**
 * A staff member's newsletter about the week, a sentence at a time, with what the checker
 * flags (a pupil's full name, a disguised swear word, a phone number): the long draft of
 * timing.mjs and check-feedback.test.mjs, each repeating it to the length it needs.
 */
export const NEWSLETTER_SENTENCES = [
  'What a week it has been at school!',
  'Year 5 ran their own cake sale on Wednesday and raised £186 for the local food bank.',
  'Well done to Sienna Parkes for organising the rota, and to everyone who baked.',
  'The minibus broke down on the way to the swimming gala, which was a sh1t start, but we still came second.',
  "Thank you to the parents who came to watch: the children's faces said it all.",
  'Reminder: the Christmas fair is on Saturday 7th from 10am in the main hall.',
  'If you can help on a stall, ring the office on 01632 960123 or pop in after school.',
  'Our reading challenge ends next Friday, so keep those reading records coming in.',
  'Harvest festival donations can be left in the boxes by the front door.',
  'Have a lovely weekend, everyone, and we will see you on Monday morning.',
];

/** Types `text` into the draft box one character at a time, as a person would. */
export async function typeDraft(page, text) {
  await page.locator('#draft').focus();
  await page.keyboard.type(text);
}

/** The highlighted words in the draft box, in order. */
export function markTexts(page) {
  return page.locator('.editor-highlights mark').allTextContents();
}

/**
 * Every finding as listed, one item per rule: its category and rule, and what the person reads
 * (`quoted` is the first of the words it flagged, `words` all of them, `what` the first row's
 * words without its buttons).
 */
export function readFindings(page) {
  return page.locator('.findings-list > li').evaluateAll((items) => items.map((li) => ({
    category: li.dataset.category,
    rule: li.dataset.rule,
    heading: li.querySelector('h3')?.textContent,
    quoted: li.querySelector('q')?.textContent ?? null,
    words: [...li.querySelectorAll('.finding-what q')].map((q) => q.textContent),
    what: (() => {
      const row = li.querySelector('.finding-what > li')?.cloneNode(true);
      row?.querySelectorAll('button').forEach((b) => b.remove());
      return row?.textContent.trim();
    })(),
    message: li.querySelector('.finding-message')?.textContent,
    severity: li.querySelector('.finding-severity')?.textContent,
    href: li.querySelector('.finding-clause a')?.getAttribute('href'),
    link: li.querySelector('.finding-clause a')?.textContent,
    quote: li.querySelector('.finding-clause blockquote')?.textContent ?? null,
  })));
}

/** The verdict's title and detail. */
export async function readVerdict(page) {
  return page.locator('.verdict').evaluate((v) => ({
    level: v.dataset.level,
    title: v.querySelector('.verdict-title').textContent,
    detail: v.querySelector('.verdict-detail').textContent,
  }));
}
