// Reading the site: the home page, a school, its policy, clause links, the rules page, with
// and without JavaScript, and no request anywhere but the site itself.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, schoolIds, schoolPages, startServer } from './helpers.mjs';

describe('reading the site', () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the home page says what Postwise is for and lists every school', async () => {
    const { context, page, log } = await openPage(browser);
    await page.goto(server.url('/'));
    assert.equal(await page.locator('h1').textContent(), 'Postwise');
    const intro = await page.locator('main p').first().textContent();
    for (const words of ['check a post before publishing', 'practise being safe online', 'read and sign the code of conduct', 'read the policy']) {
      assert.ok(intro.includes(words), `the introduction says "${words}": ${intro}`);
    }
    const links = await page.locator('main .card h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, schoolIds().map((id) => `${id}/index.html`));
    assert.deepEqual(log.failures, []);
    assert.deepEqual(log.consoleErrors, []);
    await context.close();
  });

  it('goes from the home page to a school and its policy', async () => {
    const { context, page, log } = await openPage(browser);
    await page.goto(server.url('/'));
    const id = schoolIds()[0];
    await page.locator(`main a[href="${id}/index.html"]`).click();
    await page.waitForURL(server.url(`/${id}/index.html`));
    await page.locator('main a[href="policy.html"]').first().click();
    await page.waitForURL(server.url(`/${id}/policy.html`));
    assert.equal(await page.locator('h1').count(), 1);
    assert.ok((await page.locator('article.policy [id]').count()) > 20, 'the policy has its clauses');
    assert.match(await page.locator('.review').first().textContent(), /review/i);
    assert.deepEqual(log.failures, []);
    assert.deepEqual(log.consoleErrors, []);
    await context.close();
  });

  it('a clause link targets and shows its clause', async () => {
    const { context, page } = await openPage(browser, { viewport: { width: 800, height: 600 } });
    const id = 'cotton-end';
    await page.goto(server.url(`/${id}/policy.html`));
    // A clause far down the page, through its own "§" link.
    const clause = page.locator('article.policy li[id]').nth(60);
    const clauseId = await clause.getAttribute('id');
    const link = clause.locator(':scope > a.clause-link');
    // The link shows the clause's number, and its name is what it shows (WCAG 2.5.3).
    assert.equal(await link.getAttribute('aria-label'), null);
    assert.match(await link.textContent(), /^\d+(\.\d+)*(\([a-z]+\))+$/);
    await link.click();
    await page.waitForFunction((want) => decodeURIComponent(location.hash) === `#${want}`, clauseId);
    assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), clauseId);
    await page.waitForFunction((want) => {
      const box = document.getElementById(want).getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight;
    }, clauseId);
    // And from the table of contents to a section heading.
    const tocLink = page.locator('nav.toc a').nth(5);
    const headingId = (await tocLink.getAttribute('href')).slice(1);
    await tocLink.click();
    await page.waitForFunction((want) => document.querySelector(':target')?.id === want, headingId);
    assert.match(await page.evaluate(() => document.querySelector(':target').tagName), /^H[23]$/);
    await context.close();
  });

  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    it(`a clause link lands with the clause and its lead-in sentence in view, at once (${viewport.width}px)`, async () => {
      const { context, page } = await openPage(browser, { viewport });
      // 7.9(b) hangs from "Before posting on social media, staff will:" (7.9);
      // 2.1(f) is the sixth item under its lead-in.
      for (const [school, clause, lead] of [['cotton-end', '7.9.b', '7.9'], ['cotton-end', '2.1.f', '2.1'], ['robert-carre', 'data-protection.8.b', 'data-protection.8']]) {
        await page.goto(server.url(`/${school}/policy.html#${clause}`));
        const seen = () => page.evaluate(([c, l]) => {
          const box = (id) => document.getElementById(id).getBoundingClientRect();
          return { lead: box(l).top, clause: box(c).bottom, height: window.innerHeight, y: window.scrollY };
        }, [clause, lead]);
        const first = await seen();
        assert.ok(first.lead >= 0 && first.clause <= first.height, `${school} ${clause} and ${lead} in view: ${JSON.stringify(first)}`);
        assert.ok(first.y > 0, 'scrolled to it');
        await page.waitForTimeout(300);
        assert.deepEqual(await seen(), first, 'and stays there: no smooth scrolling after');
      }
      // Following a clause link on the page does the same.
      await page.goto(server.url('/cotton-end/policy.html'));
      await page.locator('a.clause-link[href="#7.9.b"]').click();
      await page.waitForFunction(() => location.hash === '#7.9.b');
      const box = await page.evaluate(() => [document.getElementById('7.9').getBoundingClientRect().top, document.getElementById('7.9.b').getBoundingClientRect().bottom, window.innerHeight]);
      assert.ok(box[0] >= 0 && box[1] <= box[2], JSON.stringify(box));
      await context.close();
    });
  }

  it('a rule links to the clause it cites', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(server.url('/cotton-end/rules.html'));
    const link = page.locator('figure.clause-quote figcaption a').first();
    const href = await link.getAttribute('href');
    assert.match(href, /^policy\.html#.+/);
    await link.click();
    const clauseId = href.split('#')[1];
    await page.waitForFunction((want) => document.querySelector(':target')?.id === want, clauseId);
    assert.ok((await page.locator('.example-allowed').count()) === 0, 'on the policy page now');
    await context.close();
  });

  it('works with JavaScript turned off', async () => {
    const { context, page, log } = await openPage(browser, { javaScriptEnabled: false });
    for (const path of ['/', ...schoolPages('craylands').map((p) => `/${p}`)]) {
      const response = await page.goto(server.url(path));
      assert.equal(response.status(), 200, path);
      assert.ok(await page.locator('h1').isVisible(), `${path}: heading visible`);
    }
    await page.goto(server.url('/craylands/policy.html'));
    const first = page.locator('nav.toc a').first();
    const target = (await first.getAttribute('href')).slice(1);
    await first.click();
    await page.waitForURL((url) => decodeURIComponent(url.hash) === `#${target}`);
    assert.ok(await page.locator(`[id="${target}"]`).isVisible());
    await page.goto(server.url('/craylands/rules.html'));
    assert.ok((await page.locator('.example').count()) > 0, 'the examples are in the page itself');
    assert.deepEqual(log.failures, []);
    await context.close();
  });

  it('fetches nothing from anywhere but the site', async () => {
    const { context, page, log } = await openPage(browser);
    const paths = ['/', '/404-does-not-exist', ...schoolIds().flatMap((id) => [...schoolPages(id), `${id}/check.html`]).map((p) => `/${p}`)];
    for (const path of paths) {
      await page.goto(server.url(path));
      await page.waitForLoadState('networkidle');
    }
    const elsewhere = log.requests.filter((url) => new URL(url).origin !== server.origin);
    assert.deepEqual(elsewhere, [], 'requests to other origins');
    assert.ok(log.requests.length >= paths.length, 'requests were recorded');
    const failures = log.failures.filter((f) => !f.endsWith('/404-does-not-exist'));
    assert.deepEqual(failures, [], 'every asset loads');
    assert.deepEqual(log.consoleErrors.filter((e) => !e.includes('404')), [], 'no CSP violations or script errors');
    await context.close();
  });
});
