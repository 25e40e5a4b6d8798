// In the classroom, on a 768×1024 tablet: a child takes the ages 7–11 quiz one screen at a
// time, wrong then right, to stars and a certificate whose check code is for the teacher only;
// "Start again" asks first; class mode (turned on with a PIN a pupil cannot get round) leaves no
// trace of a pupil after "Next pupil" and a reload; after one visit the check page, a quiz and a
// form work with no network, and a rebuild is offered as a new version. axe in every new state,
// light and dark.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, openPage, repo, startServer } from './helpers.mjs';

const TABLET = { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true };
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SCHEMES = [['light', (axe) => axe.withTags(WCAG_TAGS)], ['dark', (axe) => axe.withRules(['color-contrast'])]];
const CODE = /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;
const SEED = 4321;
const PIN = '2468';
const squash = (text) => text.replace(/\s+/g, ' ').trim();

async function quizOf(server, school, id) {
  const { quizzes } = await (await fetch(server.url(`/${school}/quizzes.json`))).json();
  return quizzes.find((q) => q.id === id);
}

function rightChoices(question) {
  if (question.scenario) return [question.scenario.expected_safe ? 0 : 1];
  return question.choices.flatMap((choice, index) => (choice.correct ? [index] : []));
}

function wrongChoice(question) {
  const right = rightChoices(question);
  return question.choices.map((_, index) => index).find((index) => !right.includes(index));
}

async function shown(page, quiz) {
  const id = await page.locator('.quiz-question').getAttribute('data-question');
  return quiz.questions.find((q) => q.id === id);
}

async function tapAnswer(page, choices) {
  for (const choice of choices) await page.locator(`.quiz-choices input[value="${choice}"] + label`).tap();
  await page.locator('.check-answer').tap();
  await page.locator('.quiz-feedback').waitFor({ state: 'visible' });
}

async function openQuiz(page, server, query = `?seed=${SEED}`) {
  await page.goto(server.url(`/chestnuts/quiz-be-smart-online-7-11.html${query}`), { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[data-quiz-app][data-ready="true"]', { state: 'attached', timeout: 15_000 });
}

/** Answers every question from the one on screen right, to the result. */
async function finish(page, quiz) {
  while (!(await page.locator('.quiz-result').isVisible())) {
    await tapAnswer(page, rightChoices(await shown(page, quiz)));
    await page.locator('[data-action="next"]').tap();
  }
}

function describeViolations(violations) {
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`).join('\n');
}

/** A scanner that collects axe's violations, step by step, for one colour scheme. */
function scanner(page, configure) {
  const problems = [];
  return {
    problems,
    async scan(step) {
      const results = await configure(new AxeBuilder({ page })).analyze();
      if (results.violations.length > 0) problems.push(`${step}:\n${describeViolations(results.violations)}`);
    },
  };
}

/** Everything the browser keeps for the site, but class mode's own setting. */
async function traces(page) {
  return page.evaluate(async () => {
    const cached = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) cached.push(request.url);
    }
    return {
      local: Object.keys(localStorage).filter((key) => key !== 'postwise:class-mode'),
      session: sessionStorage.length,
      databases: (await indexedDB.databases()).map((d) => d.name),
      cached,
    };
  });
}

/** The files a school's service worker keeps, as full URLs. */
async function siteFiles(server, school) {
  const worker = await (await fetch(server.url(`/${school}/sw.js`))).text();
  const { files } = JSON.parse(worker.split('self.POSTWISE_OFFLINE = ')[1].split(';\n')[0]);
  return new Set(files.map((file) => new URL(file, server.url(`/${school}/sw.js`)).href));
}

describe('in the classroom', () => {
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

  for (const [colorScheme, configure] of SCHEMES) {
    it(`a child takes the ages 7–11 quiz one screen at a time, wrong then right, to stars and a certificate (${colorScheme})`, async () => {
      const { context, page, log } = await openPage(browser, { ...TABLET, colorScheme });
      const axe = scanner(page, configure);
      const quiz = await quizOf(server, 'chestnuts', 'be-smart-online-7-11');
      await openQuiz(page, server);
      await page.locator('[data-action="start"]').tap();
      await page.locator('.quiz-question').waitFor({ state: 'visible' });
      await axe.scan('a question');

      // One screen: from the progress bar to "Check my answer", nothing else of the quiz, and the
      // page's introduction out of the way.
      const screen = await page.evaluate(() => {
        const top = document.querySelector('.quiz-toolbar').getBoundingClientRect().top;
        const bottom = document.querySelector('.check-answer').getBoundingClientRect().bottom;
        return { height: bottom - top, fieldsets: document.querySelectorAll('.quiz-question fieldset').length, intro: getComputedStyle(document.querySelector('.quiz-intro')).display };
      });
      assert.ok(screen.height <= 1024, `the question fits a screen: ${screen.height}px`);
      assert.deepEqual([screen.fieldsets, screen.intro], [1, 'none']);
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('.quiz-choice label, .quiz-question button:not([hidden])')]
          .filter((el) => el.offsetParent !== null)
          .map((el) => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect()])
          .filter(([, box]) => box.width < 44 || box.height < 44)
          .map(([text, box]) => `${text}: ${box.width}x${box.height}`),
      );
      assert.deepEqual(small, [], 'every target at least 44 by 44');

      // Wrong first: another go, the answer not given away, the wrong choice closed.
      const first = await shown(page, quiz);
      const wrong = wrongChoice(first);
      await tapAnswer(page, [wrong]);
      assert.equal(squash(await page.locator('.feedback-heading').textContent()), 'Not quite.');
      assert.match(squash(await page.locator('.feedback-body').textContent()), /Have another go!$/);
      assert.equal(await page.locator('.feedback-body .right-answer, .feedback-body .explain').count(), 0);
      assert.equal(squash(await page.locator(`input[value="${wrong}"] + label .choice-verdict`).textContent()), 'Not this one');
      assert.equal(await page.locator('[data-action="next"]').isHidden(), true);
      await axe.scan('feedback before another go');
      await page.locator('[data-action="retry"]').tap();
      assert.equal(await page.locator(`input[value="${wrong}"]`).isDisabled(), true);
      // Then right: the child's words, the clause for grown-ups.
      await tapAnswer(page, rightChoices(first));
      assert.equal(squash(await page.locator('.feedback-heading').textContent()), 'That’s right!');
      const grownUps = page.locator('.feedback-body details.for-grown-ups');
      const forChild = squash(await page.locator('.feedback-body').evaluate((body) => [...body.children].filter((n) => n.tagName !== 'DETAILS').map((n) => n.textContent).join(' ')));
      assert.ok(forChild.startsWith(first.explain), forChild);
      assert.ok(!/clause/i.test(forChild), `no clause in the child's words: ${forChild}`);
      assert.equal(await grownUps.evaluate((d) => d.open), false);
      await grownUps.locator('summary').tap();
      assert.match(squash(await grownUps.textContent()), new RegExp(`^For grown-ups ?From the policy: clause ${first.clause.replaceAll('.', '\\.')}`));
      await axe.scan('feedback after a second go, for grown-ups open');
      await page.locator('[data-action="next"]').tap();

      // "Start again" asks first, and "No" keeps the child where they were.
      const second = await shown(page, quiz);
      await page.locator('.quiz-toolbar [data-action="restart"]').tap();
      const dialog = page.locator('dialog[data-confirm-restart]');
      await dialog.waitFor({ state: 'visible' });
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.confirm), 'no', 'the safe answer has the focus');
      await axe.scan('"Start again?"');
      await dialog.locator('[data-confirm="no"]').tap();
      await dialog.waitFor({ state: 'hidden' });
      assert.equal((await shown(page, quiz)).id, second.id);
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'restart', 'focus back on the button');

      await finish(page, quiz);
      const total = quiz.questions.length;
      assert.equal(squash(await page.locator('#result-heading').textContent()), `Your score: ${total - 1} out of ${total}`, 'the first answer is the one scored');
      const stars = page.locator('.celebration [data-stars]');
      assert.equal(await stars.getAttribute('aria-label'), '3 stars out of 3');
      assert.equal(await stars.locator('.star-earned').count(), 3);
      assert.equal(squash(await page.locator('[data-celebration-words]').textContent()), 'Brilliant! You earned 3 stars.');
      assert.equal(await page.locator('.celebration .star').first().evaluate((star) => getComputedStyle(star).animationName), 'star-pop');
      await page.emulateMedia({ reducedMotion: 'reduce' });
      assert.equal(await page.locator('.celebration .star').first().evaluate((star) => getComputedStyle(star).animationName), 'none', 'no motion when reduced');
      assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [], 'a finished quiz keeps nothing');
      await axe.scan('the result, with stars');

      await page.locator('#first-name').fill('Amelia');
      await page.locator('.certificate-form button[type="submit"]').tap();
      const certificate = page.locator('.certificate');
      await certificate.waitFor({ state: 'visible' });
      const childPart = squash(await certificate.evaluate((c) => [...c.children].filter((n) => !n.classList.contains('certificate-strip')).map((n) => n.textContent).join(' ')));
      for (const expected of ['Amelia', 'Be SMART online: ages 7 to 11', `${total - 1} out of ${total}`]) assert.ok(childPart.includes(expected), `${expected} in ${childPart}`);
      assert.ok(!CODE.test(childPart) && !/seed|version|answers|code/i.test(childPart), `no codes in the child's part: ${childPart}`);
      const strip = squash(await certificate.locator('.certificate-strip').textContent());
      const code = strip.match(CODE)?.[0];
      assert.ok(code, strip);
      assert.match(strip, /^For the teacher: check code/);
      await axe.scan('the certificate');

      // The teacher types the one code.
      await page.locator('details.check-certificate summary').tap();
      await page.locator('#verify-code').fill(code);
      await page.locator('.verify-form button[type="submit"]').tap();
      assert.match(squash(await page.locator('.verify-result').textContent()), new RegExp(`^This code is genuine\\. The certificate should say: ${total - 1} out of ${total} right, on .*, for a name beginning with A\\.`));
      await axe.scan('a code checked');

      await page.locator('.quiz-result .quiz-actions [data-action="restart"]').tap();
      await dialog.locator('[data-confirm="yes"]').tap();
      await page.locator('.quiz-start').waitFor({ state: 'visible' });
      assert.equal(await page.locator('#first-name').inputValue(), '');
      assert.deepEqual(log.failures, []);
      assert.deepEqual(log.consoleErrors, []);
      assert.equal(axe.problems.join('\n\n'), '');
      await context.close();
    });
  }

  it('class mode: turned on with a PIN, nothing of a pupil kept after "Next pupil" and a reload, and a pupil cannot turn it off', async () => {
    const { context, page, log } = await openPage(browser, TABLET);
    await page.clock.install();
    const quiz = await quizOf(server, 'chestnuts', 'be-smart-online-7-11');
    await page.goto(server.url('/chestnuts/class.html'));
    await page.locator('[data-class-page]').waitFor({ state: 'visible' });
    assert.equal(squash(await page.locator('[data-class-state]').textContent()), 'Class mode is off for this device.');
    await page.locator('#class-pin').fill(PIN);
    await page.locator('#class-pin-again').fill('2469');
    await page.locator('[data-class-on] button[type="submit"]').tap();
    assert.match(await page.locator('#class-pin-error').textContent(), /not the same/);
    await page.locator('#class-pin-again').fill(PIN);
    await page.locator('[data-class-on] button[type="submit"]').tap();
    assert.match(squash(await page.locator('[data-class-state]').textContent()), /^Class mode is on for this device\./);
    assert.equal(await page.locator('[data-class-mode-badge]').isVisible(), true);

    await openQuiz(page, server);
    assert.equal(await page.locator('[data-class-mode-badge]').isVisible(), true, 'every page says so');
    assert.equal(await page.locator('[data-class-note]').isVisible(), true);
    assert.equal(await page.locator('[data-shared-choice]').isHidden(), true, 'nothing to choose: nothing is kept');
    await page.locator('[data-action="start"]').tap();
    await tapAnswer(page, [wrongChoice(await shown(page, quiz))]);
    assert.deepEqual((await traces(page)).local, [], 'nothing kept mid-quiz either');
    await page.locator('[data-action="retry"]').tap();
    await tapAnswer(page, rightChoices(await shown(page, quiz)));
    await page.locator('[data-action="next"]').tap();
    await finish(page, quiz);
    await page.locator('#first-name').fill('Amelia');
    await page.locator('.certificate-form button[type="submit"]').tap();
    await page.locator('.certificate').waitFor({ state: 'visible' });
    assert.equal(await page.locator('.quiz-result [data-action="restart"]').isHidden(), true);
    // Something another page might have kept for this pupil goes too.
    await page.evaluate(() => {
      localStorage.setItem('postwise:check:chestnuts:draft', 'Amelia was here');
      sessionStorage.setItem('postwise:anything', 'Amelia');
    });

    await page.locator('[data-action="next-pupil"]').tap();
    await page.waitForSelector('[data-quiz-app][data-ready="true"]', { state: 'attached' });
    assert.equal(new URL(page.url()).search, `?seed=${SEED}`, 'the class seed stays');
    await page.reload();
    await page.waitForSelector('[data-quiz-app][data-ready="true"]', { state: 'attached' });
    assert.equal(await page.locator('.quiz-start').isVisible(), true, 'a clean start');
    const text = await page.evaluate(() => document.body.innerText);
    assert.ok(!text.includes('Amelia') && !/Your score: \d/.test(text), 'nothing of the previous pupil on the page');
    const left = await traces(page);
    assert.deepEqual([left.local, left.session, left.databases], [[], 0, []], 'nothing in localStorage, sessionStorage or IndexedDB');
    const files = await siteFiles(server, 'chestnuts');
    assert.deepEqual(left.cached.filter((url) => !files.has(url)), [], 'Cache Storage holds the site’s files only');
    await page.goBack();
    assert.ok(!(await page.evaluate(() => document.body.innerText)).includes('Amelia'), 'Back does not bring the pupil back');

    // A pupil guessing the PIN: three tries, then a minute's wait.
    await page.goto(server.url('/chestnuts/class.html'));
    await page.locator('[data-class-off]').waitFor({ state: 'visible' });
    for (const guess of ['1234', '0000', '1111']) {
      await page.locator('#class-off-pin').fill(guess);
      await page.locator('[data-class-off] button[type="submit"]').tap();
      assert.equal(await page.locator('#class-off-pin-error').textContent(), 'That is not the PIN class mode was turned on with.');
    }
    await page.locator('#class-off-pin').fill(PIN);
    await page.locator('[data-class-off] button[type="submit"]').tap();
    assert.match(await page.locator('#class-off-pin-error').textContent(), /^Too many wrong PINs\. Try again in \d+ seconds\.$/);
    await page.reload();
    await page.locator('#class-off-pin').fill(PIN);
    await page.locator('[data-class-off] button[type="submit"]').tap();
    assert.match(await page.locator('#class-off-pin-error').textContent(), /^Too many wrong PINs/, 'a reload does not reset the count');
    await page.clock.fastForward(61_000);
    await page.locator('[data-class-off] button[type="submit"]').tap();
    assert.equal(squash(await page.locator('[data-class-state]').textContent()), 'Class mode is off for this device.');
    assert.equal(await page.locator('[data-class-mode-badge]').isHidden(), true);
    assert.deepEqual(log.failures, []);
    assert.deepEqual(log.consoleErrors, []);
    await context.close();
  });

  for (const [colorScheme, configure] of SCHEMES) {
    it(`axe finds nothing on the class tablets page, off and on, and on a class tablet's quiz (${colorScheme})`, async () => {
      const { context, page } = await openPage(browser, { ...TABLET, colorScheme });
      const axe = scanner(page, configure);
      await page.goto(server.url('/chestnuts/class.html'));
      await page.locator('[data-class-page]').waitFor({ state: 'visible' });
      await axe.scan('class mode off');
      await page.locator('#class-pin').fill('12');
      await page.locator('[data-class-on] button[type="submit"]').tap();
      await axe.scan('a PIN too short');
      await page.locator('#class-pin').fill(PIN);
      await page.locator('#class-pin-again').fill(PIN);
      await page.locator('[data-class-on] button[type="submit"]').tap();
      await axe.scan('class mode on');
      await openQuiz(page, server);
      await axe.scan('a class tablet’s quiz');
      const quiz = await quizOf(server, 'chestnuts', 'be-smart-online-7-11');
      await page.locator('[data-action="start"]').tap();
      await finish(page, quiz);
      await axe.scan('a class tablet’s result, with "Next pupil"');
      assert.equal(axe.problems.join('\n\n'), '');
      await context.close();
    });
  }

  it('without JavaScript, the class tablets page says class mode needs it, and the rest is there to read', async () => {
    const { context, page, log } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(server.url('/chestnuts/class.html'));
    assert.equal(await page.locator('[data-class-needs-script]').isVisible(), true);
    assert.equal(await page.locator('[data-class-page]').isHidden(), true);
    assert.match(await page.locator('h2#offline-heading').textContent(), /no internet/);
    assert.deepEqual(log.failures, []);
    await context.close();
  });
});

describe('offline', () => {
  let server;
  let browser;
  let policies;
  // Puts back the policy file a test changed, if it failed before doing so itself.
  let restore = () => {};
  afterEach(() => {
    restore();
    restore = () => {};
  });
  before(async () => {
    // A copy of the policies, which the test changes to make the server rebuild.
    policies = mkdtempSync(join(tmpdir(), 'postwise-policies-'));
    cpSync(join(repo, 'policies'), policies, { recursive: true });
    server = await startServer({ policies });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(policies, { recursive: true, force: true });
  });

  for (const [colorScheme, configure] of SCHEMES) {
    it(`after one visit, the check page, a quiz and a form work with no network, and a rebuild is offered (${colorScheme})`, async () => {
      const { context, page, log } = await openPage(browser, { ...TABLET, colorScheme });
      const axe = scanner(page, configure);
      // No context.route here: routing turns on Playwright's interception of every request,
      // the service worker's too, and a worker replaced mid-request could be left waiting on it.
      // (The server runs without live reload, so nothing else reloads the page.)
      await page.goto(server.url('/chestnuts/index.html'));
      await page.waitForSelector('html[data-offline="ready"]', { state: 'attached', timeout: 30_000 });
      const online = log.requests.length;

      await context.setOffline(true);
      await page.goto(server.url('/chestnuts/check.html'));
      await page.waitForSelector('[data-checker][data-ready="true"]', { state: 'attached', timeout: 15_000 });
      await page.locator('#draft').fill('Well done to Amy Rose in Class 4, sh1t');
      await page.locator('.findings-list > li').first().waitFor({ state: 'visible' });

      await page.goto(server.url('/chestnuts/quiz-parents-code.html'));
      await page.waitForSelector('[data-quiz-app][data-ready="true"]', { state: 'attached', timeout: 15_000 });
      await page.locator('[data-action="start"]').tap();
      await page.locator('.quiz-choices label').first().tap();
      await page.locator('.check-answer').tap();
      await page.locator('.quiz-feedback').waitFor({ state: 'visible' });

      await page.goto(server.url('/chestnuts/forms.html'));
      await page.locator('.form-list a').first().tap();
      await page.waitForSelector('form[data-form][data-ready="true"]', { state: 'attached', timeout: 15_000 });
      await page.locator('form[data-form] input[type="text"]').first().fill('Sam');

      // A rebuild while the tablet is offline, then the network comes back.
      await page.goto(server.url('/chestnuts/index.html'));
      const summary = `Rebuilt for the ${colorScheme} test.`;
      const file = join(policies, 'chestnuts', 'policy.md');
      const policy = readFileSync(file, 'utf8');
      const rebuilt = policy.replace('+++\ntitle = ', `+++\nsummary = "${summary}"\ntitle = `);
      assert.notEqual(rebuilt, policy, 'the policy file is as the test expects');
      writeFileSync(file, rebuilt);
      // The policy as it was for the next test, however this one ends.
      restore = () => writeFileSync(file, policy);
      for (let tries = 0; !(await (await fetch(server.url('/chestnuts/index.html'))).text()).includes(summary); tries += 1) {
        assert.ok(tries < 100, 'the server rebuilt');
        await new Promise((done) => setTimeout(done, 200));
      }
      assert.ok(!(await page.locator('.lead').textContent()).includes(summary), 'the kept page is the old build');
      await context.setOffline(false);
      const notice = page.locator('[data-update-notice]');
      await notice.locator('button').waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(squash(await notice.textContent()), 'A new version of this site is ready. Load the new version');
      await axe.scan('a new version offered');
      // The old page may still be marked ready (its own build's worker in charge, the new one
      // waiting): wait for the new page to load before asking.
      const reloaded = page.waitForEvent('load', { timeout: 30_000 });
      await notice.locator('button').tap();
      await reloaded;
      await page.waitForSelector('html[data-offline="ready"]', { state: 'attached', timeout: 30_000 });
      assert.equal(squash(await page.locator('.lead').textContent()), summary);
      assert.equal(await notice.textContent(), '', 'nothing more to offer');
      restore();
      restore = () => {};
      for (let tries = 0; (await (await fetch(server.url('/chestnuts/index.html'))).text()).includes(summary); tries += 1) {
        assert.ok(tries < 100, 'the server rebuilt the policy as it was');
        await new Promise((done) => setTimeout(done, 200));
      }

      const offline = log.requests.slice(online);
      assert.ok(offline.length > 0 && [...log.requests, ...log.workerRequests].every((url) => url.startsWith(server.origin)), 'nothing but the site itself');
      assert.ok(log.workerRequests.some((url) => url.endsWith('/chestnuts/verify.html')), 'the worker kept pages never opened');
      const unexpected = log.failures.filter((f) => !f.includes('net::ERR_INTERNET_DISCONNECTED'));
      assert.deepEqual(unexpected, [], 'only requests the cut network stopped');
      assert.ok(log.consoleErrors.every((e) => /ERR_INTERNET_DISCONNECTED/.test(e)), log.consoleErrors.join('\n'));
      assert.equal(axe.problems.join('\n\n'), '');
      await context.close();
    });
  }
});
