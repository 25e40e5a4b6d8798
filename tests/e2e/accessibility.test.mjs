// WCAG 2.2 AA: axe-core on every kind of page in both colour schemes, reflow at 320 CSS
// pixels and with text at 200%, visible focus, reduced motion, and the print stylesheet.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, openPage, schoolIds, schoolPages, startServer } from './helpers.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`)
    .join('\n');
}

describe('accessibility', () => {
  let server;
  let browser;
  const pages = () => ['index.html', ...schoolIds().flatMap(schoolPages), 'cotton-end/check.html'];
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  // Every WCAG rule in the light scheme; in the dark one only colours differ, so only contrast.
  for (const [colorScheme, configure, minimumPasses] of [
    ['light', (axe) => axe.withTags(WCAG_TAGS), 10],
    ['dark', (axe) => axe.withRules(['color-contrast']), 1],
  ]) {
    it(`axe finds no WCAG 2.2 AA violations (${colorScheme})`, async () => {
      const { context, page } = await openPage(browser, { colorScheme });
      const problems = [];
      for (const path of pages()) {
        await page.goto(server.url(`/${path}`));
        const results = await configure(new AxeBuilder({ page })).analyze();
        if (results.violations.length > 0) problems.push(`${path}:\n${describeViolations(results.violations)}`);
        assert.ok(results.passes.length >= minimumPasses, `${path}: axe ran`);
      }
      assert.equal(problems.join('\n\n'), '', 'axe violations');
      await context.close();
    });
  }

  it('reflows at 320 CSS pixels and with text at 200%, with no horizontal scrolling', async () => {
    const { context, page } = await openPage(browser, { viewport: { width: 320, height: 640 } });
    const overflow = [];
    for (const path of pages()) {
      await page.goto(server.url(`/${path}`));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) overflow.push(`${path} at 320px: ${width}px wide`);
    }
    await page.setViewportSize({ width: 640, height: 640 });
    for (const path of pages()) {
      await page.goto(server.url(`/${path}`));
      // Through the CSSOM, which the CSP allows; the page itself has no inline styles.
      await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 640) overflow.push(`${path} at 200% text: ${width}px wide`);
    }
    assert.deepEqual(overflow, []);
    await context.close();
  });

  it('the skip link is the first stop and is visible when focused', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(server.url('/cotton-end/policy.html'));
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return { text: el.textContent, top: box.top, outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) };
    });
    assert.equal(focused.text, 'Skip to main content');
    assert.ok(focused.top >= 0, 'on screen when focused');
    assert.ok(focused.outline !== 'none' && focused.outlineWidth >= 2, `a visible focus outline: ${JSON.stringify(focused)}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#main_content');
    await context.close();
  });

  it('respects reduced motion', async () => {
    const { context, page } = await openPage(browser, { reducedMotion: 'reduce' });
    await page.goto(server.url('/cotton-end/index.html'));
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior), 'auto');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior), 'smooth');
    // The policy lands on a clause at once, whatever the setting.
    await page.goto(server.url('/cotton-end/policy.html'));
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior), 'auto');
    await context.close();
  });

  it('prints without navigation, with clause numbers, keeping list items whole', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(server.url('/cotton-end/policy.html'));
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      navs: [...document.querySelectorAll('nav')].map((n) => getComputedStyle(n).display),
      clauseId: getComputedStyle(document.querySelector('.clause-id')).display,
      itemBreak: getComputedStyle(document.querySelector('article.policy li')).breakInside,
    }));
    assert.ok(printed.navs.length > 0 && printed.navs.every((d) => d === 'none'), JSON.stringify(printed));
    assert.notEqual(printed.clauseId, 'none');
    assert.equal(printed.itemBreak, 'avoid');
    await page.emulateMedia({ media: 'screen' });
    // On screen, the number after a "§" is for screen readers: part of the link's name, not seen.
    const hidden = await page.evaluate(() => {
      const style = getComputedStyle(document.querySelector('.clause-id'));
      return [style.position, style.width, style.overflow];
    });
    assert.deepEqual(hidden, ['absolute', '1px', 'hidden']);
    await context.close();
  });
});
