// The "Check a post" page in a real browser: drafts from the contract's categories give the
// right highlights and findings (each with the school's clause, quoted and linked), author,
// channel, age and media change what is found, the verdict's words, keyboard use, the screen
// reader summary, privacy (requests and storage), the page without JavaScript or WebAssembly,
// axe with findings shown, reflow, and highlights that stay over the words they mark.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import {
  launchBrowser, markTexts, openChecker, openPage, readFindings, readVerdict, schoolIds, startServer, typeDraft,
} from './helpers.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// The contract's categories in the words the page uses for them.
const CATEGORY_WORDS = {
  'pupil-identity': 'Could identify a pupil',
  'contact-details': 'Contact details',
  location: 'Where someone is or lives',
  'school-identity': 'Names the school or your job',
  'offensive-language': 'Language',
  bullying: 'Could hurt someone',
  discrimination: 'Discrimination',
  political: 'Politics',
  'personal-opinion': 'Personal opinion',
  disrepute: "Could damage the school's reputation",
  confidential: 'Private information',
  'contact-request': 'Private contact',
  meeting: 'Meeting someone from online',
  credentials: 'Passwords and logins',
  unverified: 'Might not be true',
  copyright: "Someone else's content",
  'media-consent': 'Photos and videos',
  'age-restriction': 'Age limits',
};

const SEVERITY_WORDS = {
  must: 'The policy says this must not be posted.',
  should: 'The policy strongly advises against this.',
  advice: 'The policy gives this as good practice.',
};

const squash = (text) => text.replace(/\s+/g, ' ').trim();

/** Picks who is posting and where, by clicking the labels as a person would. */
async function choose(page, { author, channel }) {
  if (author) await page.locator(`label[for="author-${author}"]`).click();
  if (channel) await page.locator(`label[for="channel-${channel}"]`).click();
}

/**
 * Checks every listed finding against the school's own files, fetched by the page: the rule
 * it names has its category (shown in words), clause, message and severity, applies to this
 * author and channel, and the clause quoted is the policy's clause with that id.
 */
async function assertFindingsMatchTheSchool(page, findings, { author, channel }) {
  const facts = await page.evaluate(async (hrefs) => {
    const { rules, clauses: quotes } = await (await fetch('rules.json')).json();
    const policy = new DOMParser().parseFromString(await (await fetch('policy.html')).text(), 'text/html');
    const clauses = {};
    for (const href of hrefs) {
      const id = decodeURIComponent(href.split('#')[1] ?? '');
      const element = policy.getElementById(id);
      clauses[id] = element ? element.textContent : null;
    }
    return { rules, clauses, quotes };
  }, findings.map((f) => f.href ?? ''));
  for (const finding of findings) {
    const rule = facts.rules.find((r) => r.id === finding.rule);
    assert.ok(rule, `a rule of the school: ${JSON.stringify(finding)}`);
    assert.equal(finding.category, rule.category);
    assert.equal(finding.heading, CATEGORY_WORDS[rule.category], 'the category in words');
    assert.equal(finding.message, rule.message);
    assert.equal(finding.severity, SEVERITY_WORDS[rule.severity]);
    assert.ok(rule.authors.includes(author) && rule.channels.includes(channel), `${rule.id} applies to ${author} on ${channel}`);
    assert.equal(finding.href, `policy.html#${rule.clause}`);
    // In words people use ("Data protection principles, 7.9(b)"), not the clause's id.
    assert.ok(finding.link.startsWith(facts.quotes[rule.clause].label), `the link names clause ${rule.clause}: ${finding.link}`);
    assert.match(facts.quotes[rule.clause].label, /^[A-Z].*, [0-9]+[0-9.()a-z]*$/);
    const clause = facts.clauses[rule.clause];
    assert.ok(clause, `policy.html has clause ${rule.clause}`);
    assert.ok(finding.quote && finding.quote.length > 10, `the clause is quoted: ${JSON.stringify(finding)}`);
    assert.ok(squash(clause).includes(squash(finding.quote)), `the quote is clause ${rule.clause}:\n  ${finding.quote}\n  ${clause}`);
  }
}

/**
 * For every highlight visible in the box: the textarea's own caret positions at the mark's
 * first and last pixel are the mark's start and end in the text, so the mark sits over the
 * very characters it stands for. Returns what was checked and what was off.
 */
function markAlignment(page) {
  return page.evaluate(() => {
    const draft = document.querySelector('#draft');
    const layer = document.querySelector('.editor-highlights');
    // Hit-testing needs the box in the window.
    draft.scrollIntoView({ block: 'center', behavior: 'instant' });
    const marks = [];
    let offset = 0;
    const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('mark')) marks.push({ start: offset, end: offset + node.length, element: node.parentElement });
      offset += node.length;
    }
    const box = draft.getBoundingClientRect();
    const inside = (r) => r.top >= box.top && r.bottom <= box.bottom && r.left >= box.left && r.right <= box.right;
    const checked = [];
    const problems = [];
    for (const { start, end, element } of marks) {
      const rects = [...element.getClientRects()].filter((r) => r.width > 0);
      if (rects.length === 0 || !inside(rects[0]) || !inside(rects.at(-1))) continue;
      const first = rects[0];
      const last = rects.at(-1);
      const at = (x, y) => {
        const position = document.caretPositionFromPoint(x, y);
        return position && position.offsetNode === draft ? position.offset : null;
      };
      const from = at(first.left + 1, first.top + first.height / 2);
      const to = at(last.right - 1, last.top + last.height / 2);
      checked.push(draft.value.slice(start, end));
      if (from !== start || to !== end) {
        problems.push(`mark "${draft.value.slice(start, end)}" at ${start}–${end} covers the box's ${from}–${to} ("${draft.value.slice(from ?? 0, to ?? 0)}")`);
      }
    }
    return { checked, problems, scroll: [draft.scrollTop, layer.scrollTop] };
  });
}

/** The box and the highlight layer have the same box and text metrics. */
function metricsDiffer(page) {
  return page.evaluate(() => {
    const draft = document.querySelector('#draft');
    const layer = document.querySelector('.editor-highlights');
    const a = getComputedStyle(draft);
    const b = getComputedStyle(layer);
    const differ = [];
    for (const property of ['font-family', 'font-size', 'font-weight', 'font-style', 'line-height', 'letter-spacing', 'word-spacing',
      'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'border-top-width', 'border-right-width',
      'border-bottom-width', 'border-left-width', 'box-sizing', 'white-space', 'overflow-wrap', 'word-break', 'tab-size',
      'text-indent', 'text-transform', 'font-variant-ligatures', 'scrollbar-gutter']) {
      if (a.getPropertyValue(property) !== b.getPropertyValue(property)) differ.push(`${property}: ${a.getPropertyValue(property)} vs ${b.getPropertyValue(property)}`);
    }
    const boxA = draft.getBoundingClientRect();
    const boxB = layer.getBoundingClientRect();
    for (const side of ['left', 'top', 'width', 'height']) {
      if (Math.abs(boxA[side] - boxB[side]) > 0.5) differ.push(`${side}: ${boxA[side]} vs ${boxB[side]}`);
    }
    if (draft.clientWidth !== layer.clientWidth) differ.push(`text width: ${draft.clientWidth} vs ${layer.clientWidth}`);
    return differ;
  });
}

describe('the checker page', () => {
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

  // The issue's "done when": for each school, staff on the official account by default.
  for (const school of schoolIds()) {
    it(`${school}: a pupil's full name and a disguised swear word, from staff on the official account`, async () => {
      const { context, page, log } = await openChecker(browser, server, school);
      assert.equal(await page.locator('input[name="author"]:checked').getAttribute('value'), 'staff');
      assert.equal(await page.locator('input[name="channel"]:checked').getAttribute('value'), 'school');
      assert.deepEqual(await readVerdict(page), { level: 'empty', title: 'Nothing to check yet', detail: 'Type or paste your post in the box.' });
      const text = 'Well done Sienna Parkes, what a sh1t day for the sports day though.';
      await typeDraft(page, text);
      assert.equal(await page.locator('#draft').inputValue(), text);
      assert.deepEqual(await markTexts(page), ['Sienna Parkes', 'sh1t']);
      const findings = await readFindings(page);
      assert.deepEqual(findings.map((f) => [f.category, f.quoted]), [['pupil-identity', 'Sienna Parkes'], ['offensive-language', 'sh1t']]);
      await assertFindingsMatchTheSchool(page, findings, { author: 'staff', channel: 'school' });
      assert.equal((await readVerdict(page)).title, "Don't post this");
      assert.deepEqual(log.consoleErrors, []);
      assert.deepEqual(log.failures, []);
      await context.close();
    });
  }

  it("a finding's clause link opens that clause of the policy, and the draft stays", async () => {
    const { context, page } = await openChecker(browser, server, 'robert-carre');
    await typeDraft(page, 'what a sh1t day');
    const link = page.locator('.finding-clause a').first();
    const href = await link.getAttribute('href');
    const clause = decodeURIComponent(href.split('#')[1]);
    const [policy] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await policy.waitForURL((url) => url.pathname.endsWith('/robert-carre/policy.html'), { waitUntil: 'domcontentloaded' });
    await policy.waitForFunction((want) => document.querySelector(':target')?.id === want, clause);
    assert.ok(await policy.locator(`[id="${clause}"]`).isVisible());
    // The person comes back to their draft, not to an empty box.
    assert.equal(await page.locator('#draft').inputValue(), 'what a sh1t day');
    await context.close();
  });

  it('a phone number', async () => {
    const { context, page } = await openChecker(browser, server, 'cotton-end', { query: '?channel=personal' });
    const text = 'Text me on 07700 900874 if you need anything before Friday.';
    await typeDraft(page, text);
    assert.deepEqual(await markTexts(page), ['07700 900874']);
    let findings = await readFindings(page);
    assert.deepEqual(findings.map((f) => [f.category, f.quoted]), [['contact-details', '07700 900874']]);
    await assertFindingsMatchTheSchool(page, findings, { author: 'staff', channel: 'personal' });
    assert.equal((await readVerdict(page)).title, "Don't post this");
    // The same number from a pupil is advised against, not forbidden.
    await choose(page, { author: 'pupil' });
    findings = await readFindings(page);
    assert.deepEqual(findings.map((f) => [f.category, f.quoted]), [['contact-details', '07700 900874']]);
    await assertFindingsMatchTheSchool(page, findings, { author: 'pupil', channel: 'personal' });
    assert.equal((await readVerdict(page)).title, 'Think again');
    await context.close();
  });

  it('a swear word with a Cyrillic look-alike letter', async () => {
    const { context, page } = await openChecker(browser, server, 'cotton-end');
    const text = 'What a \u0441rap start to the week.'; // Cyrillic es, not a Latin c
    await typeDraft(page, text);
    assert.equal(await page.locator('#draft').inputValue(), text, 'the box keeps what was typed');
    assert.deepEqual(await markTexts(page), ['\u0441rap']);
    const findings = await readFindings(page);
    assert.deepEqual(findings.map((f) => [f.category, f.quoted]), [['offensive-language', '\u0441rap']]);
    await assertFindingsMatchTheSchool(page, findings, { author: 'staff', channel: 'school' });
    await context.close();
  });

  it('emoji and combining marks before the flagged word: the highlight is still exact', async () => {
    const { context, page } = await openChecker(browser, server, 'cotton-end');
    // A family (ZWJ sequence), a flag, a skin tone, and e with combining acute and tilde.
    const text = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466} Cafe\u0301\u0303 \u{1F1EC}\u{1F1E7} na\u0131\u0308ve \u270B\u{1F3FD} what a sh1t day';
    await typeDraft(page, text);
    assert.equal(await page.locator('#draft').inputValue(), text);
    assert.deepEqual(await markTexts(page), ['sh1t']);
    assert.deepEqual((await readFindings(page)).map((f) => f.quoted), ['sh1t']);
    const alignment = await markAlignment(page);
    assert.deepEqual(alignment.checked, ['sh1t'], 'the mark was checked against the caret');
    assert.deepEqual(alignment.problems, []);
    await context.close();
  });

  it('the tone tier: "Jack Smith in Year 4" and unkindness without a swear word, on the right words; the verdict says the tone was read', async () => {
    const { context, page, log } = await openChecker(browser, server, 'cotton-end');
    assert.equal(await page.locator('[data-checker]').getAttribute('data-tone'), 'ready');
    // Two ordinary words in a name's place are a name.
    await typeDraft(page, 'Well done to Jack Smith in Year 4 for his brilliant swimming gala today!');
    assert.deepEqual(await markTexts(page), ['Jack Smith']);
    assert.deepEqual((await readFindings(page)).map((f) => [f.category, f.quoted]), [['pupil-identity', 'Jack Smith']]);
    // A parent in a class group: no word here is rude, the phrase is.
    await choose(page, { author: 'parent', channel: 'group' });
    await page.locator('#draft').fill('');
    await typeDraft(page, 'Honestly that Harper child is a nasty little piece of work, keep your kids away from her');
    const marks = await markTexts(page);
    assert.equal(marks.length, 1, marks.join(' | '));
    assert.ok(marks[0].includes('nasty') && !marks[0].includes('Honestly'), marks[0]);
    const findings = await readFindings(page);
    assert.deepEqual(findings.map((f) => f.category), ['bullying']);
    await assertFindingsMatchTheSchool(page, findings, { author: 'parent', channel: 'group' });
    assert.notEqual((await readVerdict(page)).level, 'clear');
    // A kind post: nothing found, and the verdict says the tone was read too.
    await page.locator('#draft').fill('');
    await typeDraft(page, 'Lovely to see everyone at the summer fair, thank you to the PTA for all their hard work.');
    const verdict = await readVerdict(page);
    assert.equal(verdict.title, 'Nothing found in the text');
    assert.match(verdict.detail, /in the words or their tone/);
    assert.deepEqual(log.consoleErrors, []);
    await context.close();
  });

  it('if the tone tier cannot load, the words are still checked and the verdict says the tone was not', async () => {
    const { context, page } = await openPage(browser);
    await context.route(/\/tone\.[0-9a-f]+\.bin$/, (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto(server.url('/cotton-end/check.html?author=parent&channel=group'), { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-checker][data-ready="true"]', { state: 'attached' });
    assert.equal(await page.locator('[data-checker]').getAttribute('data-tone'), 'failed');
    await typeDraft(page, 'Honestly that Harper child is a nasty little piece of work, keep your kids away from her');
    const verdict = await readVerdict(page);
    assert.equal(verdict.title, 'Nothing found in the text');
    assert.match(verdict.detail, /could not load, so the tone has not been checked/);
    await choose(page, { author: 'staff', channel: 'school' });
    await page.locator('#draft').fill('');
    await typeDraft(page, 'What a sh1t day');
    assert.deepEqual(await markTexts(page), ['sh1t'], 'the word-level check still works');
    await context.close();
  });

  it('who is posting and where changes what is found', async () => {
    const { context, page } = await openChecker(browser, server, 'cotton-end');
    await typeDraft(page, 'Follow me back for homework help');
    assert.deepEqual(await readFindings(page), [], 'nothing on the official account');
    assert.equal((await readVerdict(page)).title, 'Nothing found in the text');
    await choose(page, { channel: 'personal' });
    const findings = await readFindings(page);
    assert.deepEqual(findings.map((f) => [f.category, f.quoted]), [['contact-request', 'Follow me back']]);
    await assertFindingsMatchTheSchool(page, findings, { author: 'staff', channel: 'personal' });
    assert.deepEqual(await markTexts(page), ['Follow me back']);
    await choose(page, { channel: 'school' });
    assert.deepEqual(await readFindings(page), []);
    assert.deepEqual(await markTexts(page), []);
    await context.close();
  });

  it("a pupil's age: asked only of pupils, and a young age meets the app's age limit", async () => {
    // A secondary school: with no age given the checker assumes the oldest, 18.
    const { context, page } = await openChecker(browser, server, 'robert-carre', { query: '?channel=personal' });
    const age = page.locator('#age');
    assert.equal(await age.isVisible(), false, 'no age field for staff');
    await choose(page, { author: 'pupil' });
    assert.equal(await age.isVisible(), true, 'an age field for pupils');
    await typeDraft(page, 'just made my TikTok');
    assert.deepEqual(await readFindings(page), []);
    await age.fill('12');
    const findings = await readFindings(page);
    assert.deepEqual(findings.map((f) => [f.category, f.quoted]), [['age-restriction', 'made my TikTok']]);
    await assertFindingsMatchTheSchool(page, findings, { author: 'pupil', channel: 'personal' });
    assert.equal((await readVerdict(page)).title, "Don't post this");
    await age.fill('14');
    assert.deepEqual(await readFindings(page), []);
    await age.fill('12');
    assert.equal((await readFindings(page)).length, 1);
    // The age is a pupil's only: for a parent it is neither asked nor used.
    await choose(page, { author: 'parent' });
    assert.equal(await age.isVisible(), false, 'no age field for parents');
    assert.deepEqual(await readFindings(page), []);
    await context.close();
  });

  it('the media checklist: consent for photos only does not cover a video; a parent posts no pupil, not even their own child (Cotton End 7.1)', async () => {
    const { context, page } = await openChecker(browser, server, 'cotton-end');
    await typeDraft(page, 'Sports day!');
    assert.equal(await page.locator('#media-pupils').isVisible(), false, 'the checklist opens when asked');
    await page.locator('label[for="has-media"]').click();
    assert.equal(await page.locator('#media-pupils').isVisible(), true);
    assert.equal(await page.locator('#media-own-child').isVisible(), false, "'my own child' is for parents");
    await page.locator('label[for="media-video"]').click();
    await page.locator('#media-pupils').fill('3');
    await page.locator('#media-consent').selectOption('images');
    let findings = await readFindings(page);
    assert.deepEqual(findings.map((f) => [f.category, f.quoted]), [['media-consent', null]]);
    assert.equal(findings[0].what, 'About the photo or video you are attaching.');
    await assertFindingsMatchTheSchool(page, findings, { author: 'staff', channel: 'school' });
    assert.deepEqual(await markTexts(page), [], 'nothing in the text is marked');
    assert.equal((await readVerdict(page)).title, "Don't post this");
    await page.locator('#media-consent').selectOption('images+video');
    assert.deepEqual(await readFindings(page), []);
    assert.equal((await readVerdict(page)).title, 'Nothing found in the text');

    // A parent in a class group: another child without consent, then only their own.
    await choose(page, { author: 'parent', channel: 'group' });
    await page.locator('label[for="media-image"]').click();
    await page.locator('#media-pupils').fill('1');
    await page.locator('#media-consent').selectOption('unknown');
    findings = await readFindings(page);
    assert.deepEqual(findings.map((f) => f.category), ['media-consent']);
    await assertFindingsMatchTheSchool(page, findings, { author: 'parent', channel: 'group' });
    // Cotton End 7.1: "parents are not permitted to post any imagery or videos on personal
    // accounts", their own child's included (its parents' code says the same).
    await page.locator('label[for="media-own-child"]').click();
    assert.deepEqual((await readFindings(page)).map((f) => f.rule), ['parent-photos-of-others']);
    // "My own child" is a parent's answer: it does not excuse staff on the school's account.
    await choose(page, { author: 'staff', channel: 'school' });
    assert.equal(await page.locator('#media-own-child').isVisible(), false);
    assert.deepEqual((await readFindings(page)).map((f) => f.category), ['media-consent']);
    await context.close();
  });

  it('the verdict in words: "Nothing found in the text", "Think again", "Don\'t post this"; and "If in doubt, don\'t post"', async () => {
    const { context, page } = await openChecker(browser, server, 'cotton-end');
    const doubt = page.locator('.doubt');
    assert.ok(await doubt.isVisible());
    assert.match(await doubt.textContent(), /^If in doubt, don't post\./);
    const cases = [
      // [author, channel, text, verdict, severities]
      ['staff', 'school', 'Our harvest festival raised £240 for the food bank.', 'Nothing found in the text', []],
      ['pupil', 'group', 'ring me on 07700 900874 after tea', 'Think again', ['should']],
      ['staff', 'school', 'What a sh1t start to the week.', "Don't post this", ['must']],
      // Two "follow me back" findings of one rule are one item in the list.
      ['staff', 'personal', 'Parents, follow me back so you can see the trip photos. Text me on 07700 900874.', "Don't post this", ['should', 'must']],
    ];
    for (const [author, channel, text, title, severities] of cases) {
      await choose(page, { author, channel });
      await page.locator('#draft').fill(text);
      const verdict = await readVerdict(page);
      assert.equal(verdict.title, title, text);
      const findings = await readFindings(page);
      assert.deepEqual(findings.map((f) => f.severity), severities.map((s) => SEVERITY_WORDS[s]), text);
      if (title === 'Think again') assert.match(verdict.detail, /If in doubt, don't post/);
      assert.ok(await page.locator('.verdict-title').isVisible());
      assert.ok(await doubt.isVisible(), 'the advice stays whatever the verdict');
    }
    await context.close();
  });

  it('keyboard only: a sensible tab order, and "Show in my post" selects the words', async () => {
    const { context, page } = await openChecker(browser, server, 'cotton-end');
    const active = () => page.evaluate(() => {
      const el = document.activeElement;
      return el.id || (el.classList.contains('show-in-text') ? 'show-in-text' : el.className || el.tagName.toLowerCase()) || el.tagName.toLowerCase();
    });
    // Before the form: the skip link and the site's links, nothing else.
    const before = [];
    for (let i = 0; i < 30 && (await active()) !== 'author-staff'; i++) {
      await page.keyboard.press('Tab');
      before.push(await page.evaluate(() => document.activeElement.tagName));
    }
    assert.equal(await active(), 'author-staff', `reached the form: ${before.join(' ')}`);
    assert.ok(before.slice(0, -1).every((tag) => tag === 'A'), `only links before the form: ${before.join(' ')}`);
    // Arrow keys choose within a group; the age field then comes next.
    await page.keyboard.press('ArrowDown');
    assert.equal(await active(), 'author-pupil');
    assert.equal(await page.locator('#author-pupil').isChecked(), true);
    await page.keyboard.press('Tab');
    assert.equal(await active(), 'age');
    await page.keyboard.type('12');
    await page.keyboard.press('Tab');
    assert.equal(await active(), 'channel-school');
    await page.keyboard.press('ArrowDown');
    assert.equal(await active(), 'channel-personal');
    await page.keyboard.press('Tab');
    assert.equal(await active(), 'draft');
    const text = 'just made my TikTok, ring me on 07700 900874 after school';
    await page.keyboard.type(text);
    assert.deepEqual(await markTexts(page), ['made my TikTok', '07700 900874']);
    // Then the draft's controls, the media question, and the findings.
    const after = [];
    while (after.length < 8 && after.at(-1) !== 'show-in-text') {
      await page.keyboard.press('Tab');
      after.push(await active());
    }
    assert.deepEqual(after, ['platform', 'keep', 'button-secondary clear-draft', 'has-media', 'show-in-text']);
    await page.keyboard.press('Tab');
    assert.equal(await active(), 'set-aside-button');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('.finding-clause') !== null), true, 'then the clause link');
    await page.keyboard.press('Tab');
    assert.equal(await active(), 'show-in-text', "the second finding's button");
    const focus = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement);
      return { outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    assert.ok(focus.outline !== 'none' && focus.width >= 2, `a visible focus outline: ${JSON.stringify(focus)}`);
    await page.keyboard.press('Enter');
    const selection = await page.evaluate(() => {
      const el = document.activeElement;
      return { id: el.id, start: el.selectionStart, end: el.selectionEnd, value: el.value };
    });
    assert.deepEqual(selection, { id: 'draft', start: text.indexOf('07700'), end: text.indexOf(' after'), value: text });
    await context.close();
  });

  it('"Show in my post" scrolls a long draft to the words it selects', async () => {
    const { context, page } = await openChecker(browser, server, 'cotton-end');
    const lines = Array.from({ length: 40 }, (_, i) => `Line ${i + 1} of our harvest festival news for families.`);
    const text = `What a sh1t start.\n${lines.join('\n')}`;
    await page.locator('#draft').fill(text);
    await page.waitForFunction(() => document.querySelector('#draft').scrollTop > 0);
    await page.locator('.show-in-text').first().focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await page.evaluate(() => [document.activeElement.id, document.activeElement.selectionStart, document.activeElement.selectionEnd]), ['draft', 7, 11]);
    // The words are in view in the box, and the highlight layer scrolled with it.
    await page.waitForFunction(() => document.querySelector('.editor-highlights').scrollTop === document.querySelector('#draft').scrollTop);
    const alignment = await markAlignment(page);
    assert.deepEqual(alignment.checked, ['sh1t'], `the marked words are in view: ${JSON.stringify(alignment)}`);
    assert.deepEqual(alignment.problems, []);
    await context.close();
  });

  it('screen readers hear one summary once typing pauses, and only when it changed', async () => {
    const { context, page } = await openPage(browser);
    await page.clock.install({ time: new Date('2026-03-02T09:00:00Z') });
    await page.goto(server.url('/cotton-end/check.html'), { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-checker][data-ready="true"]', { state: 'attached' });
    // Time stands still from here, and moves only when the test says.
    await page.clock.pauseAt(new Date('2026-03-02T09:10:00Z'));
    const announcer = page.locator('.announcer');
    assert.equal(await announcer.getAttribute('aria-live'), 'polite');
    assert.equal(await announcer.textContent(), '', 'nothing is announced when the page opens');
    await page.evaluate(() => {
      window.announced = [];
      const region = document.querySelector('.announcer');
      new MutationObserver(() => window.announced.push(region.textContent))
        .observe(region, { childList: true, characterData: true, subtree: true });
    });
    const heard = () => page.evaluate(() => window.announced);

    await typeDraft(page, 'what a sh1t day');
    await page.clock.runFor(1000);
    assert.deepEqual(await heard(), [], 'nothing while typing');
    await page.clock.runFor(1000);
    assert.deepEqual(await heard(), ["Don't post this: 1 thing to look at."], 'once after the pause');

    await page.keyboard.type(' today');
    await page.clock.runFor(2000);
    assert.deepEqual(await heard(), ["Don't post this: 1 thing to look at."], 'nothing new when the summary is the same');

    await page.keyboard.type(', Sienna Parkes');
    await page.clock.runFor(2000);
    assert.deepEqual(await heard(), ["Don't post this: 1 thing to look at.", "Don't post this: 2 things to look at."]);
    assert.equal(await announcer.textContent(), "Don't post this: 2 things to look at.");

    await page.locator('#draft').fill('Our harvest festival raised £240 for the food bank.');
    await page.clock.runFor(2000);
    assert.equal((await heard()).at(-1), 'Nothing found in the text');
    await context.close();
  });

  it('privacy: no request leaves the site, not even while typing', async () => {
    const { context, page, log } = await openChecker(browser, server, 'chestnuts');
    // Let the page finish loading (bounded: a stalled stylesheet must not hang the test); the
    // browser asks for the favicon after `load`, which may fall while typing.
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
    const favicon = new URL(await page.locator('link[rel="icon"]').getAttribute('href'), page.url()).href;
    const loaded = log.requests.length;
    assert.ok(loaded >= 5, `the page, its assets, the checker and the rules: ${log.requests.join(' ')}`);
    await typeDraft(page, 'Secret plans: Sienna Parkes is moving to 12 Acacia Avenue, ring me on 07700 900874 #marker');
    assert.ok((await readFindings(page)).length >= 1, 'the draft was checked');
    await page.locator('.show-in-text').first().click();
    await choose(page, { author: 'parent', channel: 'group' });
    await page.locator('label[for="has-media"]').click();
    await page.locator('#media-pupils').fill('2');
    await page.locator('label[for="keep"]').click();
    await page.locator('label[for="keep"]').click();
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
    const elsewhere = log.requests.filter((url) => new URL(url).origin !== server.origin);
    assert.deepEqual(elsewhere, [], 'requests to other origins');
    assert.deepEqual(log.requests.slice(loaded).filter((url) => url !== favicon), [], 'no request at all while checking');
    assert.ok(!log.requests.some((url) => url.includes('marker') || url.includes('Acacia')), 'the draft is in no URL');
    assert.ok(!page.url().includes('marker'));
    await context.close();
  });

  it('privacy: the draft is kept on the device only when asked, and cleared when asked', async () => {
    const { context, page } = await openChecker(browser, server, 'craylands');
    const text = 'Unsent draft, what a sh1t day';
    const holding = async () => {
      const state = await context.storageState({ indexedDB: true });
      const session = await page.evaluate(() => JSON.stringify({ ...sessionStorage }));
      return JSON.stringify(state).includes('Unsent draft') || session.includes('Unsent draft');
    };
    await typeDraft(page, text);
    assert.equal(await holding(), false, 'not stored without the tick');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-checker][data-ready="true"]', { state: 'attached' });
    assert.equal(await page.locator('#draft').inputValue(), '', 'gone after a reload');

    await typeDraft(page, text);
    await page.locator('label[for="keep"]').click();
    assert.equal(await holding(), true, 'stored once ticked');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-checker][data-ready="true"]', { state: 'attached' });
    assert.equal(await page.locator('#draft').inputValue(), text, 'kept over a reload');
    assert.equal(await page.locator('#keep').isChecked(), true);
    assert.deepEqual(await markTexts(page), ['sh1t'], 'and checked again');
    await page.locator('#draft').press('End');
    await page.keyboard.type(' More');
    assert.ok((await page.evaluate(() => JSON.stringify({ ...localStorage }))).includes('sh1t day More'), 'edits are kept too');

    await page.locator('label[for="keep"]').click();
    assert.equal(await holding(), false, 'removed once unticked');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-checker][data-ready="true"]', { state: 'attached' });
    assert.equal(await page.locator('#draft').inputValue(), '');
    assert.equal(await page.locator('#keep').isChecked(), false);

    await typeDraft(page, text);
    await page.locator('label[for="keep"]').click();
    assert.equal(await holding(), true);
    await page.locator('.clear-draft').click();
    assert.equal(await page.locator('#draft').inputValue(), '', 'the box is empty');
    assert.deepEqual(await markTexts(page), []);
    assert.deepEqual(await readFindings(page), []);
    assert.equal((await readVerdict(page)).title, 'Nothing to check yet');
    assert.equal(await holding(), false, 'and nothing is stored');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'draft', 'ready to start again');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-checker][data-ready="true"]', { state: 'attached' });
    assert.equal(await page.locator('#draft').inputValue(), '');
    await context.close();
  });

  it('without JavaScript the page says the checker needs it and links to the policy', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(server.url('/craylands/check.html'), { waitUntil: 'domcontentloaded' });
    const notice = page.locator('main .notice');
    assert.ok(await notice.isVisible());
    assert.match(await notice.innerText(), /The checker needs JavaScript/);
    const link = notice.locator('a[href="policy.html"]');
    assert.ok(await link.isVisible());
    assert.equal(await page.locator('#draft').isVisible(), false, 'no box that cannot check');
    await link.click();
    await page.waitForURL((url) => url.pathname.endsWith('/craylands/policy.html'), { waitUntil: 'domcontentloaded' });
    await context.close();
  });

  it('without WebAssembly, or if the checker cannot load, the page says so and links to the policy', async () => {
    for (const [name, breakIt, words] of [
      ['no WebAssembly', (context) => context.addInitScript(() => { delete window.WebAssembly; }), /needs WebAssembly/],
      ['no rules', (context) => context.route('**/rules.json', (route) => route.fulfill({ status: 500, body: '' })), /could not start/],
    ]) {
      const { context, page, log } = await openPage(browser);
      await breakIt(context);
      await page.goto(server.url('/coton-in-the-elms/check.html'), { waitUntil: 'domcontentloaded' });
      const status = page.locator('.checker-status');
      await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('.checker-status').textContent), words.source);
      assert.ok(await status.isVisible(), name);
      assert.ok(await status.locator('a[href="policy.html"]').isVisible(), `${name}: a link to the policy`);
      assert.equal(await page.locator('#draft').isVisible(), false, `${name}: no box that cannot check`);
      assert.equal(await page.locator('[data-checker]').getAttribute('data-ready'), null);
      if (name === 'no WebAssembly') assert.deepEqual(log.consoleErrors, []);
      await context.close();
    }
  });

  for (const colorScheme of ['light', 'dark']) {
    it(`axe finds no WCAG 2.2 AA violations with findings shown (${colorScheme})`, async () => {
      const { context, page } = await openChecker(browser, server, 'cotton-end', { colorScheme, query: '?channel=personal' });
      await page.locator('#draft').fill('Parents, follow me back so you can see the trip photos. Text me on 07700 900874. What a sh1t day.');
      await page.locator('label[for="has-media"]').click();
      await page.locator('#media-pupils').fill('2');
      await page.locator('#media-consent').selectOption('none');
      const severities = await page.locator('.findings-list > li').evaluateAll((items) => items.map((li) => li.className));
      assert.ok(severities.length >= 3 && severities.some((c) => c.includes('must')) && severities.some((c) => c.includes('should')), severities.join());
      await page.locator('.show-in-text').first().focus();
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      const violations = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`);
      assert.deepEqual(violations, []);
      assert.ok(results.passes.length >= 10, 'axe ran');
      await context.close();
    });
  }

  it('reflows at 320 CSS pixels and at 200% with findings shown, highlights still in place', async () => {
    const { context, page } = await openChecker(browser, server, 'robert-carre', { query: '?channel=personal', viewport: { width: 320, height: 640 } });
    // A long address has no place to break but the page must not get wider for it.
    const text = 'Text me on 07700 900874 or mrs.henderson.geography.department@gmail.com, and follow me back for homework help.';
    await page.locator('#draft').fill(text);
    assert.ok((await markTexts(page)).includes('mrs.henderson.geography.department@gmail.com'));
    const measure = () => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }));
    let width = await measure();
    assert.ok(width.scroll <= width.viewport, `no horizontal scrolling at 320px: ${JSON.stringify(width)}`);
    assert.deepEqual(await metricsDiffer(page), []);
    await page.locator('#draft').evaluate((box) => { box.scrollTop = 0; });
    await page.waitForFunction(() => document.querySelector('.editor-highlights').scrollTop === 0);
    let alignment = await markAlignment(page);
    assert.ok(alignment.checked.length >= 1, JSON.stringify(alignment));
    assert.deepEqual(alignment.problems, []);

    // 200% zoom of a 640-pixel window is 320 CSS pixels; text at 200% in a 640-pixel window too.
    await page.setViewportSize({ width: 640, height: 640 });
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    width = await measure();
    assert.ok(width.scroll <= width.viewport, `no horizontal scrolling with text at 200%: ${JSON.stringify(width)}`);
    assert.deepEqual(await metricsDiffer(page), []);
    alignment = await markAlignment(page);
    assert.ok(alignment.checked.length >= 1, JSON.stringify(alignment));
    assert.deepEqual(alignment.problems, []);
    await context.close();
  });

  it('highlights stay over their words with classic scrollbars, scrolled and resized', async () => {
    const scrolling = await launchBrowser({ scrollbars: true });
    try {
      const { page } = await openChecker(scrolling, server, 'cotton-end', { viewport: { width: 1000, height: 800 } });
      const lines = Array.from({ length: 30 }, (_, i) => `Line ${i + 1} of our lovely harvest festival news for everyone, with a few more words to wrap.`);
      await page.locator('#draft').fill(`Sienna Parkes had a sh1t time.\n${lines.join('\n')} What a sh1t day.`);
      assert.ok(await page.locator('#draft').evaluate((box) => box.scrollHeight > box.clientHeight && box.offsetWidth - box.clientWidth > 4), 'the box scrolls, with a scrollbar that takes room');
      assert.deepEqual(await metricsDiffer(page), []);
      await page.waitForFunction(() => document.querySelector('.editor-highlights').scrollTop === document.querySelector('#draft').scrollTop);
      let alignment = await markAlignment(page);
      assert.deepEqual(alignment.checked, ['sh1t'], 'the last mark, at the end of the text');
      assert.deepEqual(alignment.problems, []);
      await page.locator('#draft').evaluate((box) => { box.scrollTop = 0; });
      await page.waitForFunction(() => document.querySelector('.editor-highlights').scrollTop === 0);
      alignment = await markAlignment(page);
      assert.deepEqual(alignment.checked, ['Sienna Parkes', 'sh1t']);
      assert.deepEqual(alignment.problems, []);
      // Made taller by its resize handle: the layer follows.
      await page.locator('#draft').evaluate((box) => { box.style.height = `${box.offsetHeight + 120}px`; });
      assert.deepEqual(await metricsDiffer(page), []);
      alignment = await markAlignment(page);
      assert.deepEqual(alignment.problems, []);
    } finally {
      await scrolling.close();
    }
  });
});
