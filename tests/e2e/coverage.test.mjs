// The pages the coverage map, the duties and the platforms make: "How this policy is covered",
// "For the school" with its calendar file, "Where to report", the blocked sites, and the rules
// page's questions before posting. Each renders, every clause it links to is on the policy page,
// it fetches nothing off the site, and axe finds nothing in light and dark.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, openPage, schoolIds, startServer } from './helpers.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SCHOOLS_WITH_BLOCKED_SITES = ['chestnuts', 'cotton-end', 'robert-carre'];

/** The new pages of a school, relative to the site root. */
function newPages(id) {
  const pages = ['coverage.html', 'school-duties.html', 'reporting.html', 'rules.html'];
  if (SCHOOLS_WITH_BLOCKED_SITES.includes(id)) pages.push('blocked-sites.html');
  return pages.map((page) => `${id}/${page}`);
}

describe('coverage, duties and where to report', () => {
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

  it('every page renders, links only clauses the policy page has, and fetches nothing off the site', async () => {
    const { context, page, log } = await openPage(browser);
    const problems = [];
    for (const id of schoolIds()) {
      await page.goto(server.url(`/${id}/policy.html`));
      const clauses = new Set(await page.locator('[id]').evaluateAll((els) => els.map((el) => el.id)));
      for (const path of newPages(id)) {
        const response = await page.goto(server.url(`/${path}`));
        assert.equal(response.status(), 200, path);
        const heading = await page.locator('h1').textContent();
        assert.ok(heading.trim().length > 0, `${path}: a heading`);
        const links = await page
          .locator('a[href^="policy.html#"]')
          .evaluateAll((els) => els.map((el) => el.getAttribute('href').slice('policy.html#'.length)));
        for (const clause of links) {
          if (!clauses.has(clause)) problems.push(`${path}: links clause ${clause}, not on the policy page`);
        }
        if (!path.endsWith('reporting.html') && links.length === 0) problems.push(`${path}: links no clause`);
      }
    }
    assert.deepEqual(problems, []);
    const offSite = log.requests.filter((url) => !url.startsWith(server.origin));
    assert.deepEqual(offSite, [], 'no request but the site');
    assert.deepEqual(log.failures, []);
    assert.deepEqual(log.consoleErrors, []);
    await context.close();
  });

  it('the coverage map shows each element with its clause and what encodes it', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(server.url('/cotton-end/coverage.html'));
    const elements = page.locator('article.coverage-element');
    assert.ok((await elements.count()) >= 40);
    const slt = page.locator('article.coverage-element', { hasText: 'SLT approves content first' });
    assert.ok((await slt.locator('a[href="policy.html#3.conduct.2"]').count()) >= 1);
    await slt.getByRole('link', { name: 'Has SLT approved this post?' }).click();
    await page.waitForURL(/rules\.html#ask-staff--ask-slt-approved$/);
    assert.ok(await page.locator('#ask-staff--ask-slt-approved').isVisible());
    await context.close();
  });

  it('"For the school" lists the duties and offers the calendar file', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(server.url('/chestnuts/school-duties.html'));
    assert.ok(await page.locator('#duty-parent-agreement').isVisible());
    assert.match(await page.locator('#duty-parent-agreement').textContent(), /first parents' evening|acceptable use/i);
    const link = page.getByRole('link', { name: 'Add the dates to a calendar' });
    const href = await link.getAttribute('href');
    const response = await page.request.get(server.url(`/chestnuts/${href}`));
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'], /^text\/calendar/);
    const text = await response.text();
    assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n') && text.trimEnd().endsWith('END:VCALENDAR'));
    await context.close();
  });

  it('"Where to report" links each platform\'s help pages and marks closed ones', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(server.url('/chestnuts/reporting.html'));
    assert.ok(await page.getByText('closed in May 2019').isVisible(), 'BBM');
    assert.equal(await page.getByRole('link', { name: 'Snapchat help' }).first().getAttribute('href'), 'https://help.snapchat.com');
    await page.getByRole('link', { name: 'sites blocked at school' }).click();
    await page.waitForURL(/blocked-sites\.html$/);
    assert.deepEqual(await page.locator('ul.blocked-sites li').allTextContents(), ['Facebook', 'Instagram', 'Snapchat']);
    await context.close();
  });

  // The templates are shared: three schools cover their variants (a table of its own and
  // blocked sites; staff only and none blocked; the most elements), in the time CI has.
  const AXE_SCHOOLS = ['chestnuts', 'coton-in-the-elms', 'cotton-end'];
  for (const [colorScheme, configure] of [
    ['light', (axe) => axe.withTags(WCAG_TAGS)],
    ['dark', (axe) => axe.withRules(['color-contrast'])],
  ]) {
    it(`axe finds no WCAG 2.2 AA violations on the new pages (${colorScheme})`, async () => {
      const { context, page } = await openPage(browser, { colorScheme });
      const problems = [];
      for (const path of AXE_SCHOOLS.flatMap(newPages)) {
        await page.goto(server.url(`/${path}`));
        const results = await configure(new AxeBuilder({ page })).analyze();
        for (const v of results.violations) {
          problems.push(`${path}: ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
        }
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
