// `postwise serve` in the browser: an open page reloads itself after a rebuild, with nothing
// but its own script and event stream allowed by its CSP, and no page can be framed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage, repo, schoolIds, startServer } from './helpers.mjs';

describe('postwise serve', () => {
  let server;
  let browser;
  let policies;
  before(async () => {
    policies = join(mkdtempSync(join(tmpdir(), 'postwise-e2e-policies-')), 'policies');
    cpSync(join(repo, 'policies'), policies, { recursive: true });
    server = await startServer({ liveReload: true, policies });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(join(policies, '..'), { recursive: true, force: true });
  });

  it('reloads an open page when its policy changes, its CSP allowing that and nothing more', async () => {
    const { context, page, log } = await openPage(browser);
    const id = schoolIds()[0];
    const response = await page.goto(server.url(`/${id}/policy.html`));
    const csp = response.headers()['content-security-policy'];
    // School pages run the site's own scripts (offline.js, class-mode.js) and the reload script.
    assert.match(csp, /script-src 'self' http:\/\/127\.0\.0\.1:\d+\/__postwise\/live-reload\.js;/);
    assert.match(csp, /connect-src http:\/\/127\.0\.0\.1:\d+\/__postwise\/events;/);
    assert.match(csp, /frame-ancestors 'none'$/);
    // Connected to the event stream: the page now hears of the next build.
    for (let waited = 0; !log.requests.some((url) => url.includes('/__postwise/events')); waited += 50) {
      assert.ok(waited < 10_000, 'the page opens the event stream');
      await new Promise((r) => setTimeout(r, 50));
    }
    const file = join(policies, id, 'policy.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n{#live-reload} A clause the open page shows by itself.\n`);
    await page.getByText('A clause the open page shows by itself.').waitFor({ timeout: 20_000 });
    assert.deepEqual(log.consoleErrors, [], 'no CSP violation, no error');
    assert.deepEqual(log.failures, []);
    assert.ok(log.requests.every((url) => url.startsWith(server.origin)), 'nothing off the site');
    await context.close();
  });

  it('no other page can frame the site', async () => {
    const { context, page, log } = await openPage(browser);
    // A page of no site, with no CSP of its own to stop it framing.
    await page.setContent('<h1>Another site</h1>');
    const framed = await page.evaluate(async (src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
      document.body.append(frame);
      await Promise.race([loaded, new Promise((r) => setTimeout(r, 5000))]);
      try {
        return frame.contentDocument?.querySelector('h1')?.textContent ?? null;
      } catch {
        return null;
      }
    }, server.url(`/${schoolIds()[0]}/policy.html`));
    assert.equal(framed, null, 'the framed page did not load');
    assert.ok(log.consoleErrors.some((e) => e.includes('frame-ancestors')), log.consoleErrors.join('\n'));
    await context.close();
  });
});
