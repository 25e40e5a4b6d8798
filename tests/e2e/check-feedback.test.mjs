// The check page tells the whole truth, where the writer is looking, and helps fix the post
// (issue 13), each at a desktop's 1280×800 and a phone's 390×844: the verdict stays in view
// while typing; a finding's card opens from its underline by mouse, touch and keyboard; a
// rewrite removes its finding; a finding set aside stays so over a reload and can be put back;
// a policy that does not cover the writer says so; text pasted before the checker is ready is
// checked; the questions no text can answer; a long newsletter quotes each clause once; the
// platform's own count; the draft limit; printing and copying the check; axe in every state.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import {
  NEWSLETTER_SENTENCES, launchBrowser, markTexts, openChecker, openPage, readFindings, readVerdict, startServer, typeDraft,
} from './helpers.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

/** Picks who is posting and where, by clicking the labels as a person would. */
async function choose(page, { author, channel }) {
  if (author) await page.locator(`label[for="author-${author}"]`).click();
  if (channel) await page.locator(`label[for="channel-${channel}"]`).click();
}

/**
 * The middle of the highlight over `words` (of its first line, where it wraps), in the window,
 * with the box scrolled into view.
 */
async function markCentre(page, words) {
  await page.locator('#draft').evaluate((box) => box.scrollIntoView({ block: 'center', behavior: 'instant' }));
  const mark = page.locator('.editor-highlights mark', { hasText: words }).first();
  return mark.evaluate((m) => {
    const line = m.getClientRects()[0];
    return { x: line.left + line.width / 2, y: line.top + line.height / 2 };
  });
}

/**
 * The open card's words, once its rewrites (checked with the checker) are in. A wait for
 * readiness, as the other suites' (15 s): speed is measured by tests/e2e/timing.mjs, not here,
 * and a busy two-core machine once took more than 3 s.
 */
async function cardText(page) {
  await page.locator('.finding-card .card-fix[data-ready]').waitFor({ state: 'visible', timeout: 15_000 });
  return page.locator('.finding-card').innerText();
}

/** The 2,000-character newsletter of tests/e2e/timing.mjs: names repeated, a swear word, a phone number. */
function newsletter(length) {
  let text = '';
  for (let i = 0; text.length < length; i++) text += (text ? ' ' : '') + NEWSLETTER_SENTENCES[i % NEWSLETTER_SENTENCES.length];
  return text.slice(0, length);
}

async function axe(page, what) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations.map((v) => `${what}: ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`);
  assert.deepEqual(violations, []);
}

describe('the check page tells the whole truth, where the writer is looking', () => {
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

  for (const [size, viewport] of Object.entries(SIZES)) {
    it(`${size}: the verdict stays in view while typing, also with a phone's keyboard up`, async () => {
      const { context, page } = await openChecker(browser, server, 'cotton-end', { viewport });
      const badge = page.locator('.verdict-badge');
      const inView = () => badge.evaluate((b) => {
        const box = b.getBoundingClientRect();
        const view = window.visualViewport;
        return box.top >= 0 && box.bottom <= view.height && box.height > 0;
      });
      // A long post typed at the end of the box: the page scrolls to follow the caret.
      await page.locator('#draft').fill(`${newsletter(1500)}\n\n`);
      await page.locator('#draft').press('End');
      await page.locator('#draft').evaluate((box) => box.setSelectionRange(box.value.length, box.value.length));
      await typeDraft(page, 'What a sh1t day.');
      assert.equal(await badge.locator('.badge-title').textContent(), "Don't post this");
      assert.match(await badge.textContent(), /things to look at/);
      assert.ok(await inView(), 'the verdict is in the window');
      assert.ok(!(await page.locator('.verdict').evaluate((v) => v.getBoundingClientRect().top >= 0 && v.getBoundingClientRect().bottom <= innerHeight)) || size === 'desktop',
        'on a phone the results are out of sight: the badge is what shows the verdict');
      // The phone's keyboard takes the bottom 40% of the window: the badge sits above it.
      await page.setViewportSize({ width: viewport.width, height: Math.round(viewport.height * 0.6) });
      await typeDraft(page, ' Sienna Parkes came second.');
      assert.ok(await inView(), 'still in the window above the keyboard');
      const caret = await page.locator('#draft').evaluate((box) => box.selectionStart === box.value.length);
      assert.ok(caret, 'typing went on at the end');
      await context.close();
    });

    it(`${size}: a finding's card opens from its underline by mouse, touch and keyboard`, async () => {
      const text = 'Well done Sienna Parkes, what a sh1t day for sports day.';
      // Mouse: resting on the underline, and leaving it.
      const mouse = await openChecker(browser, server, 'cotton-end', { viewport });
      await mouse.page.locator('#draft').fill(text);
      const swear = await markCentre(mouse.page, 'sh1t');
      await mouse.page.mouse.move(swear.x, swear.y);
      const shown = await cardText(mouse.page);
      assert.match(shown, /Language/);
      assert.match(shown, /sh1t/);
      assert.match(shown, /From the policy: .+, \d/, 'the clause in words');
      await mouse.page.mouse.move(1, 1);
      await mouse.page.locator('.finding-card').waitFor({ state: 'hidden' });
      await mouse.context.close();
      // Touch: a tap on the underline, on a touch screen.
      const { context, page } = await openChecker(browser, server, 'cotton-end', { viewport, hasTouch: true, isMobile: size === 'phone' });
      const card = page.locator('.finding-card');
      await page.locator('#draft').fill(text);
      let text2;
      const name = await markCentre(page, 'Sienna Parkes');
      await page.touchscreen.tap(name.x, name.y);
      text2 = await cardText(page);
      assert.match(text2, /Could identify a pupil/);
      assert.match(text2, /Sienna Parkes/);
      await page.keyboard.press('Escape');
      await card.waitFor({ state: 'hidden' });
      assert.equal(await page.evaluate(() => document.activeElement.id), 'draft');
      // Keyboard: the arrow keys into the words, then Tab into the card, Escape back.
      await page.locator('#draft').press('Home');
      for (let i = 0; i < 'Well done Si'.length; i++) await page.keyboard.press('ArrowRight');
      text2 = await cardText(page);
      assert.match(text2, /Could identify a pupil/);
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => document.activeElement.closest('.finding-card') !== null), 'Tab goes into the card');
      await page.keyboard.press('Escape');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'draft', 'Escape returns to the box');
      assert.ok(await card.isHidden());
      // Typing closes it: the card never stands in the way of writing.
      await page.locator('#draft').press('End');
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.type(' ');
      assert.ok(await card.isHidden());
      await context.close();
    });

    it(`${size}: a rewrite applied removes its finding, and "Copy the post" copies the fixed post`, async () => {
      const { context, page } = await openChecker(browser, server, 'cotton-end', { viewport, query: '?channel=personal' });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
      await page.locator('#draft').fill('Well done Sienna Parkes! Text me on 07700 900874 if you need anything.');
      assert.deepEqual(await markTexts(page), ['Sienna Parkes', '07700 900874']);
      const name = await markCentre(page, 'Sienna Parkes');
      await page.mouse.click(name.x, name.y);
      assert.match(await cardText(page), /Use the first name only: Sienna/);
      await page.locator('.finding-card .use-rewrite').first().click();
      assert.equal(await page.locator('#draft').inputValue(), 'Well done Sienna! Text me on 07700 900874 if you need anything.');
      assert.deepEqual((await readFindings(page)).map((f) => f.category), ['contact-details'], 'the name is no longer found');
      // A phone number comes out, with where to send people instead.
      const phone = await markCentre(page, '07700 900874');
      await page.mouse.click(phone.x, phone.y);
      const text = await cardText(page);
      assert.match(text, /school's own contact route/);
      await page.locator('.finding-card .use-rewrite').first().click();
      assert.equal(await page.locator('#draft').inputValue(), 'Well done Sienna! Text me if you need anything.');
      assert.deepEqual(await readFindings(page), []);
      // Undo puts the words back: the rewrite went through the browser's own editing.
      await page.keyboard.press('Control+z');
      assert.equal(await page.locator('#draft').inputValue(), 'Well done Sienna! Text me on 07700 900874 if you need anything.');
      await page.keyboard.press('Control+Shift+z');
      await page.locator('.copy-post').click();
      await page.locator('.copied', { hasText: 'copied' }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Well done Sienna! Text me if you need anything.');
      await context.close();
    });

    it(`${size}: what a post means is explained, never rewritten`, async () => {
      const { context, page } = await openChecker(browser, server, 'cotton-end', { viewport, query: '?author=pupil&channel=group' });
      await page.locator('#draft').fill('you are such a loser nobody likes you');
      await page.locator('.show-in-text').first().click();
      const text = await cardText(page);
      assert.match(text, /Could hurt someone/);
      assert.match(text, /No suggested words for this: it is about what the post says/);
      assert.equal(await page.locator('.finding-card .use-rewrite').count(), 0);
      await context.close();
    });

    it(`${size}: a finding set aside, with its reason, stays so over a reload and can be put back`, async () => {
      const { context, page } = await openChecker(browser, server, 'chestnuts', { viewport, query: '?channel=personal' });
      const text = 'Congratulations to Sienna Parkes on her new job at the library.';
      await page.locator('#draft').fill(text);
      await page.locator('label[for="keep"]').click();
      assert.equal((await readVerdict(page)).title, "Don't post this");
      const name = await markCentre(page, 'Sienna Parkes');
      await page.mouse.click(name.x, name.y);
      await cardText(page);
      await page.locator('.finding-card .set-aside-button').click();
      await page.locator('.finding-card select.reason').selectOption({ label: 'It is not a pupil' });
      await page.locator('.finding-card .confirm-aside').click();
      const aside = page.locator('.set-aside-list > li');
      assert.equal(await aside.count(), 1);
      assert.equal(await aside.locator('del').textContent(), 'Sienna Parkes', 'struck through');
      assert.match(await aside.textContent(), /It is not a pupil/);
      assert.deepEqual(await readFindings(page), []);
      assert.deepEqual(await markTexts(page), [], 'no longer underlined');
      assert.equal((await readVerdict(page)).title, 'Nothing found in the text');
      assert.match((await readVerdict(page)).detail, /set aside one finding/);
      // Kept on this device, without the words themselves.
      const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }));
      assert.match(kept, /set-aside/);
      assert.ok(!kept.replace(text, '').includes('Parkes'), `the set-aside record does not hold the words: ${kept}`);
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.waitForSelector('[data-checker][data-ready="true"]', { state: 'attached' });
      assert.equal(await aside.count(), 1, 'still set aside after a reload');
      assert.deepEqual(await readFindings(page), []);
      await aside.locator('button.restore').click();
      assert.equal(await aside.count(), 0);
      assert.deepEqual((await readFindings(page)).map((f) => f.quoted), ['Sienna Parkes'], 'back among the findings');
      assert.equal((await readVerdict(page)).title, "Don't post this");
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.waitForSelector('[data-checker][data-ready="true"]', { state: 'attached' });
      assert.deepEqual((await readFindings(page)).map((f) => f.quoted), ['Sienna Parkes'], 'and stays back');
      await context.close();
    });

    it(`${size}: Coton-in-the-Elms as a parent says its policy does not cover parents, and checks nothing`, async () => {
      const { context, page } = await openChecker(browser, server, 'coton-in-the-elms', { viewport });
      assert.match(await page.locator('label[for="author-parent"]').textContent(), /the policy does not cover parents/);
      await choose(page, { author: 'parent', channel: 'personal' });
      await page.locator('#draft').fill('Mr Hill is a useless teacher, what a sh1t school');
      const found = await readVerdict(page);
      assert.equal(found.title, 'Not covered by this policy');
      assert.match(found.detail, /does not cover posts by parents and carers/);
      assert.match(found.detail, /nothing has been checked/);
      assert.deepEqual(await readFindings(page), []);
      assert.deepEqual(await markTexts(page), []);
      assert.ok(await page.locator('.asks').isHidden(), 'no questions either');
      assert.notEqual(found.title, 'Nothing found in the text');
      // Staff, whom it covers, get the findings.
      await choose(page, { author: 'staff' });
      assert.equal((await readVerdict(page)).title, "Don't post this");
      await context.close();
    });

    it(`${size}: text pasted before the checker is ready is checked as soon as it is`, async () => {
      const { context, page } = await openPage(browser, { viewport });
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await context.route('**/*.wasm', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(server.url('/craylands/check.html'), { waitUntil: 'domcontentloaded' });
      await page.locator('#draft').fill('Well done Sienna Parkes, what a sh1t day.');
      assert.deepEqual(await readVerdict(page), {
        level: 'wait',
        title: 'Checking starts in a moment',
        detail: 'The checker is loading. You can type or paste your post now: it checks what is there as soon as it is ready.',
      });
      assert.equal(await page.locator('.verdict-badge .badge-title').textContent(), 'Checking starts in a moment');
      release();
      await page.waitForSelector('[data-checker][data-ready="true"]', { state: 'attached' });
      assert.deepEqual((await readFindings(page)).map((f) => f.quoted), ['Sienna Parkes', 'sh1t']);
      assert.equal((await readVerdict(page)).title, "Don't post this");
      await context.close();
    });
  }

  it('"Nothing found in the text", with the questions no text answers, each linking its clause', async () => {
    const { context, page } = await openChecker(browser, server, 'cotton-end');
    await page.locator('#draft').fill('Our harvest festival raised £240 for the food bank. Thank you all!');
    const found = await readVerdict(page);
    assert.equal(found.title, 'Nothing found in the text');
    assert.match(found.detail, /answer the questions below/);
    const asks = page.locator('.asks-list > li');
    const questions = await asks.locator('label').allTextContents();
    assert.ok(questions.includes('Has SLT approved this post?'), questions.join('\n'));
    const rules = await page.evaluate(async () => (await (await fetch('rules.json')).json()));
    const wanted = rules.asks.filter((a) => a.authors.includes('staff') && a.channels.includes('school'));
    assert.deepEqual(questions, wanted.map((a) => a.question), 'the school\'s asks for staff on its account, in order');
    const links = await asks.locator('a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
    assert.deepEqual(links.map(([href]) => href), wanted.map((a) => `policy.html#${encodeURIComponent(a.clause)}`));
    assert.ok(links.every(([, text]) => / \(opens in a new tab\)$/.test(text) && !/clause \d/i.test(text)), links.join('\n'));
    assert.ok(links.some(([, text]) => text.startsWith('Staff conduct, 2')), 'in words: "Staff conduct, 2"');
    // On their own account, staff get different questions.
    await choose(page, { channel: 'personal' });
    assert.ok((await asks.locator('label').allTextContents()).includes('Is it outside school hours?'));
    await context.close();
  });

  it('a 2,000-character newsletter lists each rule once, quotes each clause once, and counts repeats', async () => {
    const { context, page } = await openChecker(browser, server, 'cotton-end');
    const text = newsletter(2000);
    await page.locator('#draft').fill(text);
    const findings = await readFindings(page);
    const rules = findings.map((f) => f.rule);
    assert.equal(new Set(rules).size, rules.length, `one item per rule: ${rules}`);
    const quotes = await page.locator('.findings-list blockquote').allTextContents();
    assert.equal(new Set(quotes).size, quotes.length, 'no clause quoted twice');
    const names = findings.find((f) => f.category === 'pupil-identity');
    assert.deepEqual(names.words, ['Sienna Parkes']);
    const times = text.split('Sienna Parkes').length - 1;
    assert.ok(times > 1);
    assert.match(await page.locator('.findings-list > li[data-category="pupil-identity"] .finding-what').textContent(), new RegExp(`\\(${times} times\\)`));
    // "Show in my post" goes to each place in turn.
    const show = page.locator('.findings-list > li[data-category="pupil-identity"] .show-in-text');
    const starts = [];
    for (let i = 0; i < times; i++) {
      await show.click();
      starts.push(await page.locator('#draft').evaluate((box) => box.selectionStart));
    }
    assert.equal(new Set(starts).size, times, `each place once: ${starts}`);
    // The box grows with the post: the post is read in the box, not beside eight rows.
    const box = await page.locator('#draft').evaluate((b) => b.getBoundingClientRect().height);
    assert.ok(box > 400, `the box shows more of the post: ${box}px`);
    await context.close();
  });

  it("the platform's own count: X's weighting, graphemes elsewhere, and the school's one account picked", async () => {
    const { context, page } = await openChecker(browser, server, 'craylands');
    assert.match(await page.locator('label[for="channel-school"]').textContent(), /The Craylands School on X \(Twitter\)/);
    // Its only official account is on X: picked for the school's account.
    assert.equal(await page.locator('#platform').inputValue(), 'x');
    const counter = page.locator('#post-length');
    await page.locator('#draft').fill('Sports day \u{1F3C5} www.craylands.example/sports-day');
    await counter.filter({ hasText: 'allows' }).waitFor();
    assert.equal(await counter.textContent(), '37 characters; X (Twitter) allows 280.');
    await page.locator('#platform').selectOption('instagram');
    assert.equal(await counter.textContent(), '45 characters; Instagram allows 2,200.');
    await page.locator('#platform').selectOption('x');
    await page.locator('#draft').fill('a'.repeat(300));
    assert.equal(await counter.textContent(), '300 characters; X (Twitter) allows 280: 20 too many.');
    await page.locator('#platform').selectOption('');
    assert.equal(await counter.textContent(), '');
    await context.close();
  });

  it('a post over the draft limit is not checked, the page says so at once, and a shorter one is', async () => {
    const { context, page } = await openChecker(browser, server, 'cotton-end');
    assert.match(await page.locator('#draft-hint').textContent(), /posts of up to 20,000 characters/);
    const long = `Sienna Parkes ${'and a long newsletter '.repeat(1200)}`;
    const started = Date.now();
    await page.locator('#draft').fill(long);
    const found = await readVerdict(page);
    assert.ok(Date.now() - started < 5_000, 'no hang');
    assert.equal(found.title, 'Too long to check');
    assert.match(found.detail, /26,414 characters; the checker takes up to 20,000\. Nothing in it has been checked/);
    assert.deepEqual(await readFindings(page), []);
    // A megabyte pasted: still at once.
    const huge = Date.now();
    await page.locator('#draft').fill('x'.repeat(1_000_000));
    assert.equal((await readVerdict(page)).title, 'Too long to check');
    assert.ok(Date.now() - huge < 5_000, 'no hang on a megabyte');
    await page.locator('#draft').fill(long.slice(0, 20_000));
    assert.equal((await readVerdict(page)).title, "Don't post this");
    await context.close();
  });

  it('the check printed and copied: the post, what was found, what was set aside and why, the questions answered', async () => {
    const { context, page } = await openChecker(browser, server, 'cotton-end', { query: '?channel=personal' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await page.locator('#draft').fill('Well done Sienna Parkes! Ring the office on 07700 900874.');
    await page.locator('.findings-list > li[data-category="contact-details"] .set-aside-button').click();
    await page.locator('.findings-list select.reason').selectOption({ label: "It is the school's own contact details" });
    await page.locator('.findings-list .confirm-aside').click();
    await page.locator('label[for="ask-ask-outside-school-hours"]').click();
    await page.locator('.copy-result').click();
    await page.locator('.copied', { hasText: 'copied' }).waitFor();
    const copiedText = await page.evaluate(() => navigator.clipboard.readText());
    for (const line of [
      'Postwise check for Cotton End Forest School',
      'Well done Sienna Parkes! Ring the office on 07700 900874.',
      "Don't post this.",
      '- Could identify a pupil: "Sienna Parkes".',
      '- "07700 900874" (Contact details): It is the school\'s own contact details.',
      '[x] Is it outside school hours? (Staff use of personal social media, 4.2(a))',
      '[ ] Are you using your own device, not a school one? (Staff use of personal social media, 4.2(b))',
    ]) {
      assert.ok(copiedText.includes(line), `${line}\nin\n${copiedText}`);
    }
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.print-text').textContent(), 'Well done Sienna Parkes! Ring the office on 07700 900874.');
    assert.ok(await page.locator('.print-draft').isVisible());
    assert.ok(await page.locator('.findings-list').isVisible());
    assert.ok(await page.locator('.set-aside').isVisible());
    assert.match(await page.locator('.set-aside').innerText(), /school's own contact details/);
    assert.ok(await page.locator('.asks').isVisible());
    for (const hidden of ['#draft', '.result-actions', '.show-in-text', '.verdict-badge', 'fieldset.media']) {
      assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
    }
    await context.close();
  });

  for (const colorScheme of ['light', 'dark']) {
    it(`axe finds nothing in any state of the page (${colorScheme})`, async () => {
      for (const [size, viewport] of Object.entries(SIZES)) {
        const { context, page } = await openPage(browser, { colorScheme, viewport });
        let release;
        const held = new Promise((resolve) => { release = resolve; });
        await context.route('**/*.wasm', async (route) => {
          await held;
          await route.continue();
        });
        await page.goto(server.url('/cotton-end/check.html?channel=personal'), { waitUntil: 'domcontentloaded' });
        await axe(page, `${size}, loading`);
        release();
        await page.waitForSelector('[data-checker][data-ready="true"]', { state: 'attached' });
        await axe(page, `${size}, empty, with questions`);
        await page.locator('#draft').fill('Well done Sienna Parkes! Text me on 07700 900874, what a sh1t day.');
        await page.locator('#platform').selectOption('x');
        await page.locator('#post-length', { hasText: 'allows' }).waitFor();
        await axe(page, `${size}, findings`);
        await page.locator('.show-in-text').first().click();
        await cardText(page);
        await axe(page, `${size}, a card open`);
        await page.locator('.finding-card .set-aside-button').click();
        await axe(page, `${size}, choosing a reason`);
        await page.locator('.finding-card .confirm-aside').click();
        await axe(page, `${size}, one set aside`);
        await page.locator('#draft').fill('Our harvest festival raised £240.');
        await axe(page, `${size}, nothing found`);
        await page.locator('#draft').fill('x'.repeat(20_001));
        await axe(page, `${size}, too long`);
        await page.locator('#draft').fill('hello');
        await page.goto(server.url('/coton-in-the-elms/check.html?author=parent'), { waitUntil: 'domcontentloaded' });
        await page.waitForSelector('[data-checker][data-ready="true"]', { state: 'attached' });
        await page.locator('#draft').fill('hello');
        await axe(page, `${size}, not covered`);
        await context.close();
      }
    });
  }
});
