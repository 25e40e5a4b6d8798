// The quiz pages in a real browser: the three quizzes answered right and wrong to the end (a
// child's quiz with another go after a wrong answer), the certificate and its one check code, a
// reload mid-quiz, the shared-computer mode and "start again" (which asks first),
// keyboard and screen-reader use (legend, focus, announcements), large touch targets on a
// portrait tablet, read-aloud, the page without JavaScript, printing, privacy, and axe.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, openPage, startServer } from './helpers.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SEED = 4321;
const squash = (text) => text.replace(/\s+/g, ' ').trim();

/** A school's quizzes.json, as the page gets it. */
async function quizzesOf(server, school) {
  const response = await fetch(server.url(`/${school}/quizzes.json`));
  assert.equal(response.status, 200);
  return response.json();
}

/** Opens a quiz's page with a fixed seed and waits for it to be ready. */
async function openQuiz(browser, server, school, quizId, { query = `?seed=${SEED}`, ...options } = {}) {
  const opened = await openPage(browser, options);
  await opened.page.goto(server.url(`/${school}/quiz-${quizId}.html${query}`), { waitUntil: 'domcontentloaded' });
  await opened.page.waitForSelector('[data-quiz-app][data-ready="true"]', { state: 'attached', timeout: 15_000 });
  const { quizzes } = await quizzesOf(server, school);
  opened.quiz = quizzes.find((q) => q.id === quizId);
  assert.ok(opened.quiz, `${school} has ${quizId}`);
  return opened;
}

async function start(page) {
  await page.locator('[data-action="start"]').click();
  await page.locator('.quiz-question').waitFor({ state: 'visible' });
}

/** The question on screen, from the quiz's data. */
async function shown(page, quiz) {
  const id = await page.locator('.quiz-question').getAttribute('data-question');
  const question = quiz.questions.find((q) => q.id === id);
  assert.ok(question, `question ${id} is in the quiz`);
  return question;
}

/** The right choices of a question (positions as written), as its author wrote them. */
function rightChoices(question) {
  if (question.scenario) return [question.scenario.expected_safe ? 0 : 1];
  return question.choices.flatMap((choice, index) => (choice.correct ? [index] : []));
}

/** One wrong answer: a wrong choice alone, or for a multiple choice question without one, one right choice short. */
function wrongChoices(question) {
  const right = rightChoices(question);
  const wrong = question.choices.map((_, index) => index).filter((index) => !right.includes(index));
  return wrong.length > 0 ? [wrong[0]] : right.slice(1);
}

/** Picks choices (positions as written) by tapping or clicking their labels, and checks the answer. */
async function answer(page, choices, { tap = false } = {}) {
  for (const choice of choices) {
    const label = page.locator(`.quiz-choices input[value="${choice}"] + label`);
    if (tap) await label.tap();
    else await label.click();
  }
  await page.locator('.check-answer').click();
  await page.locator('.quiz-feedback').waitFor({ state: 'visible' });
}

async function next(page) {
  await page.locator('[data-action="next"]').click();
}

/**
 * Answers every question with `pick(question)`, checking each feedback; returns the questions in
 * the order shown. On a child's quiz a wrong answer gets another go, without the answer given
 * away, and the second go is answered right.
 */
async function answerAll(page, quiz, pick, { expectRight }) {
  const order = [];
  const child = (await page.locator('[data-quiz-app]').getAttribute('data-child')) === 'true';
  for (let n = 1; n <= quiz.questions.length; n += 1) {
    const question = await shown(page, quiz);
    order.push(question.id);
    assert.equal(squash(await page.locator('.question-number').textContent()), `Question ${n} of ${quiz.questions.length}`);
    await answer(page, pick(question));
    const heading = squash(await page.locator('.feedback-heading').textContent());
    assert.equal(heading, expectRight ? 'That’s right!' : 'Not quite.', `${question.id}: ${heading}`);
    if (child && !expectRight) {
      assert.match(squash(await page.locator('.feedback-body').textContent()), /Have another go!/);
      assert.equal(await page.locator('.feedback-body .right-answer').count(), 0, `${question.id}: the answer is not given away`);
      await page.locator('[data-action="retry"]').click();
      await answer(page, rightChoices(question));
      assert.equal(squash(await page.locator('.feedback-heading').textContent()), 'That’s right!', `${question.id}: second go`);
    }
    const feedback = squash(await page.locator('.feedback-body').textContent());
    assert.ok(feedback.includes(question.explain), `${question.id} explains`);
    assert.ok(feedback.includes(`From the policy: clause ${question.clause}`), `${question.id} cites ${question.clause}`);
    if (!expectRight && !child) assert.match(feedback, /The right answers? (is|are) [A-Z]:/, `${question.id} gives the right answer`);
    if (question.scenario) {
      assert.ok(feedback.includes('What the post checker found'), `${question.id} says what the checker found`);
      if (!question.scenario.expected_safe) {
        const findings = await page.locator('.checker-findings li').allTextContents();
        assert.ok(findings.length > 0, `${question.id}: the checker's findings`);
        // Findings about words (not about an attached photo) are marked in the draft too.
        const aboutWords = findings.some((f) => f.includes('The words'));
        assert.equal((await page.locator('.quiz-question .scenario-draft mark').count()) > 0, aboutWords, `${question.id}: marks`);
      }
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'feedback-heading', 'focus on the feedback');
    await next(page);
    if (n < quiz.questions.length) {
      assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('question-heading')), 'focus on the next question');
    }
  }
  await page.locator('.quiz-result').waitFor({ state: 'visible' });
  return order;
}

export async function makeCertificate(page, name) {
  await page.locator('#first-name').fill(name);
  await page.locator('.certificate-form button[type="submit"]').click();
  await page.locator('.certificate').waitFor({ state: 'visible' });
  const field = async (f) => squash(await page.locator(`.certificate [data-field="${f}"]`).textContent());
  return { name: await field('name'), score: await field('score'), date: await field('date'), code: await field('code') };
}

/** Types a check code into "For teachers: check a certificate"; what the page says. */
export async function checkCode(page, code) {
  const details = page.locator('details.check-certificate');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  await page.locator('#verify-code').fill(code);
  await page.locator('.verify-form button[type="submit"]').click();
  return squash(await page.locator('.verify-result').textContent());
}

/** Asks to start again, and answers the question "Start again?" with yes or no. */
export async function startAgain(page, from, yes) {
  await from.click();
  const dialog = page.locator('dialog[data-confirm-restart]');
  await dialog.waitFor({ state: 'visible' });
  assert.equal(squash(await dialog.locator('h2').textContent()), 'Start again?');
  await dialog.locator(`[data-confirm="${yes ? 'yes' : 'no'}"]`).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** A code with two of its digits swapped: a typo. */
function swapped(code) {
  const digits = [...code.replaceAll('-', '')];
  const at = digits.findIndex((d, i) => i < digits.length - 1 && d !== digits[i + 1]);
  [digits[at], digits[at + 1]] = [digits[at + 1], digits[at]];
  return digits.join('');
}

function describeViolations(violations) {
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`).join('\n');
}

describe('quizzes', () => {
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

  it('each school lists the quizzes its policy supports, by who they are for', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(server.url('/chestnuts/quiz.html'));
    assert.deepEqual(await page.locator('main h2').allTextContents(), ['For pupils', 'For staff', 'For parents and carers']);
    assert.deepEqual(
      await page.locator('main .card h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      ['quiz-be-smart-online-5-7.html', 'quiz-be-smart-online-7-11.html', 'quiz-privacy-settings.html', 'quiz-parents-code.html'],
    );
    await page.goto(server.url('/coton-in-the-elms/quiz.html'));
    assert.deepEqual(await page.locator('main h2').allTextContents(), ['For staff']);
    await page.goto(server.url('/robert-carre/quiz.html'));
    assert.deepEqual(await page.locator('main h2').allTextContents(), ['For students', 'For staff', 'For parents and carers']);
    await context.close();
  });

  for (const [school, quizId] of [['chestnuts', 'be-smart-online-7-11'], ['craylands', 'privacy-settings'], ['chestnuts', 'parents-code']]) {
    it(`${school}: ${quizId} answered right, to a certificate that checks out`, async () => {
      const { context, page, log, quiz } = await openQuiz(browser, server, school, quizId);
      assert.equal(await page.locator('[data-quiz-text]').isHidden(), true, 'the readable list gives way to the quiz');
      await start(page);
      await answerAll(page, quiz, rightChoices, { expectRight: true });
      const total = quiz.questions.length;
      assert.equal(await page.locator('#result-heading').textContent(), `Your score: ${total} out of ${total}`);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'result-heading', 'focus on the result');
      await page.waitForFunction(() => document.querySelector('.announcer').textContent.startsWith('Quiz finished'));
      assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [], 'a finished quiz keeps nothing');
      const remember = page.locator('.quiz-result .remember-list li');
      assert.equal(await remember.count(), quiz.concepts.length);
      for (const text of await remember.allTextContents()) assert.ok(text.includes('(You got this right.)'), text);
      const actions = quiz.questions.filter((q) => q.action).length;
      assert.equal(await page.locator('.checklist').isVisible(), actions > 0);
      if (actions > 0) {
        assert.deepEqual(await page.locator('.checklist-list li').allTextContents(), ['Nothing: your answers show your accounts are set up safely.']);
        assert.equal(await page.locator('.checklist-done li').count(), actions);
      }

      const certificate = await makeCertificate(page, '  Sam ');
      assert.equal(certificate.name, 'Sam');
      assert.equal(certificate.score, `${total} out of ${total}`);
      assert.match(certificate.date, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(certificate.code, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'certificate-title');

      // One code, which says what the certificate should say.
      const genuine = new RegExp(`^This code is genuine\\. The certificate should say: ${total} out of ${total} right, on \\d+ \\w+ \\d{4}, for a name beginning with S\\.`);
      assert.match(await checkCode(page, certificate.code), genuine);
      assert.match(await checkCode(page, certificate.code.toLowerCase().replaceAll('-', ' ')), genuine, 'typed loosely');
      assert.match(await checkCode(page, swapped(certificate.code)), /^This code has a typo\./);
      assert.match(await checkCode(page, 'A B'), /^A check code has 12 letters and digits/);
      const other = school === 'chestnuts' ? 'craylands' : 'chestnuts';
      const elsewhere = await openQuiz(browser, server, other, quizId);
      assert.match(await checkCode(elsewhere.page, certificate.code), /^This code was not made by this quiz at this school\./);
      await elsewhere.context.close();
      assert.deepEqual(log.failures, []);
      assert.deepEqual(log.consoleErrors, []);
      assert.ok(log.requests.every((url) => url.startsWith(server.origin)), 'nothing but the site itself');
      await context.close();
    });
  }

  it('answered wrong: the feedback says so and why, what to remember says what to practise, the checklist what to change', async () => {
    for (const [school, quizId] of [['cotton-end', 'be-smart-online-5-7'], ['craylands', 'privacy-settings']]) {
      const { context, page, quiz } = await openQuiz(browser, server, school, quizId);
      await start(page);
      await answerAll(page, quiz, wrongChoices, { expectRight: false });
      assert.equal(await page.locator('#result-heading').textContent(), `Your score: 0 out of ${quiz.questions.length}`);
      for (const text of await page.locator('.quiz-result .remember-list li').allTextContents()) assert.ok(text.includes('(Worth practising.)'), text);
      const actions = quiz.questions.filter((q) => q.action).map((q) => q.action);
      assert.deepEqual(await page.locator('.checklist-list label').allTextContents(), actions, `${quizId}: every action to change`);
      await context.close();
    }
  });

  it('"would you post this?" is marked by the school\'s own checker, with its findings in the feedback', async () => {
    const { context, page, quiz } = await openQuiz(browser, server, 'chestnuts', 'be-smart-online-7-11');
    await start(page);
    // Step to the party invitation with the address in it, answering the others right.
    for (;;) {
      const question = await shown(page, quiz);
      if (question.id === 'party-post-7') break;
      await answer(page, rightChoices(question));
      await next(page);
    }
    assert.equal(squash(await page.locator('.quiz-question .scenario-draft').textContent()), quiz.questions.find((q) => q.id === 'party-post-7').scenario.draft);
    assert.match(squash(await page.locator('.scenario-caption').textContent()), /^A post on your own account/);
    await answer(page, [0]); // "Yes, I would post it"
    assert.equal(squash(await page.locator('.feedback-heading').textContent()), 'Not quite.');
    // A child has another go before the checker's findings are shown.
    assert.equal(await page.locator('.checker-findings').count(), 0);
    await page.locator('[data-action="retry"]').click();
    await answer(page, [1]);
    assert.equal(squash(await page.locator('.feedback-heading').textContent()), 'That’s right!');
    // The address, once: it is where the child lives and a contact detail, one place in the post;
    // "live" in "I live at" is no finding of its own.
    const findings = (await page.locator('.checker-findings li').allTextContents()).map(squash);
    assert.deepEqual(findings, ['It gives out contact details. It says where someone lives or is. The words 27 Church Lane.']);
    assert.deepEqual(await page.locator('.quiz-question .scenario-draft mark').allTextContents(), ['27 Church Lane']);
    // The school's own messages are for grown-ups.
    const grownUps = squash(await page.locator('.feedback-body details.for-grown-ups').textContent());
    assert.match(grownUps, /^For grown-ups.*From the policy: clause 9\.1\.a/);
    assert.ok(grownUps.includes('Be SMART: never say where you live online.'), grownUps);
    assert.equal(await page.locator('.feedback-body details.for-grown-ups').evaluate((d) => d.open), false);
    await context.close();
  });

  it('progress survives a reload mid-quiz, in the same order, and "start again" clears it', async () => {
    const { context, page, quiz } = await openQuiz(browser, server, 'chestnuts', 'parents-code', { query: '' });
    await start(page);
    const seen = [];
    for (let n = 0; n < 2; n += 1) {
      const question = await shown(page, quiz);
      seen.push(question.id);
      await answer(page, rightChoices(question));
      await next(page);
    }
    const third = await shown(page, quiz);
    const key = 'postwise:quiz:chestnuts:parents-code';
    const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key));
    assert.equal(stored.position, 2);
    assert.ok(stored.seed >= 1 && stored.seed <= 999999, `a seed: ${stored.seed}`);

    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-quiz-app][data-ready="true"]', { state: 'attached' });
    assert.equal(await page.locator('.quiz-question').isVisible(), true, 'straight back to the question');
    assert.equal((await shown(page, quiz)).id, third.id, 'the same question, so the same order');
    assert.equal(squash(await page.locator('.question-number').textContent()), `Question 3 of ${quiz.questions.length}`);
    assert.equal(await page.locator('progress').evaluate((p) => p.value), 3);
    assert.match(await page.locator('.quiz-status').textContent(), /Welcome back: you were on question 3/);
    assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('question-heading')));

    // Checked but not moved on: the feedback is there after a reload too.
    await answer(page, rightChoices(third));
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-quiz-app][data-ready="true"]', { state: 'attached' });
    assert.equal(await page.locator('.quiz-feedback').isVisible(), true);
    assert.equal(squash(await page.locator('.feedback-heading').textContent()), 'That’s right!');

    await startAgain(page, page.locator('.quiz-question [data-action="restart"]'), false);
    assert.equal(await page.locator('.quiz-feedback').isVisible(), true, '"No, keep going" keeps the answers');
    assert.ok(await page.evaluate((k) => localStorage.getItem(k), key), 'still kept');
    await startAgain(page, page.locator('.quiz-question [data-action="restart"]'), true);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), null, 'cleared');
    assert.equal(await page.locator('.quiz-start').isVisible(), true);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'start-heading');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-quiz-app][data-ready="true"]', { state: 'attached' });
    assert.equal(await page.locator('.quiz-start').isVisible(), true, 'nothing to carry on from');
    await context.close();
  });

  it('a shared computer keeps nothing', async () => {
    const { context, page, quiz } = await openQuiz(browser, server, 'craylands', 'be-smart-online-5-7', { query: '?shared=1' });
    assert.equal(await page.locator('#shared-computer').isChecked(), true, '?shared=1 ticks it');
    await start(page);
    await answer(page, rightChoices(await shown(page, quiz)));
    await next(page);
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-quiz-app][data-ready="true"]', { state: 'attached' });
    assert.equal(await page.locator('.quiz-start').isVisible(), true);
    await context.close();
  });

  it('works with the keyboard alone: a fieldset named by its question, focus on each step', async () => {
    const { context, page, quiz } = await openQuiz(browser, server, 'robert-carre', 'be-smart-online-11-14');
    const focused = () => page.evaluate(() => ({ id: document.activeElement?.id, name: document.activeElement?.name, className: document.activeElement?.className, text: document.activeElement?.textContent }));
    const tabTo = async (text) => {
      for (let n = 0; n < 12 && squash((await focused()).text ?? '') !== text; n += 1) await page.keyboard.press('Tab');
      assert.equal(squash((await focused()).text ?? ''), text, `Tab reaches "${text}"`);
    };
    await page.locator('[data-action="start"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('.quiz-question').waitFor({ state: 'visible' });
    assert.match((await focused()).className, /question-heading/, 'focus on the question');
    const legend = squash(await page.locator('.quiz-question fieldset > legend h2').textContent());
    const question = await shown(page, quiz);
    assert.ok(legend.startsWith(`Question 1 of ${quiz.questions.length}`) && legend.endsWith(question.prompt), legend);

    // Checking with nothing picked says so, and takes focus to the answers.
    await tabTo('Check my answer');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#question-error').isVisible(), true);
    assert.equal((await focused()).name, 'answer');
    assert.match(await page.locator('.question-fieldset').getAttribute('aria-describedby'), /question-error/);

    // Space picks the focused answer, Enter on the button checks it, and Next moves on.
    await page.keyboard.press('Space');
    await tabTo('Check my answer');
    await page.keyboard.press('Enter');
    await page.locator('.quiz-feedback').waitFor({ state: 'visible' });
    assert.equal((await focused()).id, 'feedback-heading', 'focus on the feedback');
    await tabTo('Next question');
    await page.keyboard.press('Enter');
    assert.match((await focused()).className, /question-heading/, 'focus on the next question');
    assert.equal(squash(await page.locator('.question-number').textContent()), `Question 2 of ${quiz.questions.length}`);
    await context.close();
  });

  it('on a portrait tablet: big targets, tapped', async () => {
    const tablet = { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true };
    const { context, page, quiz } = await openQuiz(browser, server, 'cotton-end', 'be-smart-online-5-7', tablet);
    await page.locator('[data-action="start"]').tap();
    await page.locator('.quiz-question').waitFor({ state: 'visible' });
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('.quiz-choice label, .quiz-question button:not([hidden]), .quiz-start button')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect()])
        .filter(([, box]) => box.width < 44 || box.height < 44)
        .map(([text, box]) => `${text}: ${box.width}x${box.height}`),
    );
    assert.deepEqual(small, [], 'every target at least 44 by 44');
    await answer(page, rightChoices(await shown(page, quiz)), { tap: true });
    assert.equal(squash(await page.locator('.feedback-heading').textContent()), 'That’s right!');
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 768, 'no sideways scrolling');
    await context.close();
  });

  it('reads each question and its answers aloud, and hides the button where speech is missing', async () => {
    const { context, page, quiz } = await openQuiz(browser, server, 'chestnuts', 'be-smart-online-5-7');
    await page.evaluate(() => {
      window.spoken = [];
      window.speechSynthesis.speak = (utterance) => window.spoken.push([utterance.text, utterance.lang]);
      window.speechSynthesis.cancel = () => {};
    });
    await start(page);
    const question = await shown(page, quiz);
    await page.locator('.read-aloud[data-read="question"]').click();
    const [[text, lang]] = await page.evaluate(() => window.spoken);
    assert.equal(lang, 'en-GB');
    assert.ok(text.startsWith(question.prompt), text);
    assert.ok(text.includes(`A: `) && text.includes(`B: `), text);
    await context.close();

    const { context: bare, page: silent } = await openPage(browser);
    await silent.addInitScript(() => { delete Window.prototype.speechSynthesis; delete window.speechSynthesis; });
    await silent.goto(server.url(`/chestnuts/quiz-be-smart-online-5-7.html?seed=${SEED}`));
    await silent.waitForSelector('[data-quiz-app][data-ready="true"]', { state: 'attached' });
    await start(silent);
    assert.equal(await silent.locator('.read-aloud').first().isHidden(), true);
    await bare.close();
  });

  it('without JavaScript, lists the questions to read, each citing its clause', async () => {
    const { context, page, log } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(server.url('/chestnuts/quiz-be-smart-online-7-11.html'));
    const { quizzes } = await quizzesOf(server, 'chestnuts');
    const quiz = quizzes.find((q) => q.id === 'be-smart-online-7-11');
    assert.equal(await page.locator('[data-quiz-text] .question-item').count(), quiz.questions.length);
    assert.equal(await page.locator('[data-quiz-app]').isHidden(), true);
    assert.match(await page.locator('[data-quiz-text] .notice').textContent(), /needs JavaScript/);
    const cites = await page.locator('[data-quiz-text] .question-cite a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(cites, quiz.questions.map((q) => `policy.html#${q.clause}`));
    assert.deepEqual(log.failures, []);
    await context.close();
  });

  it('prints the result and the certificate only', async () => {
    const { context, page, quiz } = await openQuiz(browser, server, 'chestnuts', 'parents-code');
    await start(page);
    await answerAll(page, quiz, rightChoices, { expectRight: true });
    await makeCertificate(page, 'Ana');
    await page.emulateMedia({ media: 'print' });
    const shownWhenPrinted = await page.evaluate(() =>
      Object.fromEntries(['.certificate', '.site-nav', '.quiz-question', '.check-certificate', '.certificate-form', 'h1', '.quiz-result .quiz-actions']
        .map((s) => [s, getComputedStyle(document.querySelector(s)).display !== 'none'])),
    );
    assert.deepEqual(shownWhenPrinted, {
      '.certificate': true, '.site-nav': false, '.quiz-question': false, '.check-certificate': false,
      '.certificate-form': false, h1: false, '.quiz-result .quiz-actions': false,
    });
    await context.close();
  });

  for (const [colorScheme, configure] of [['light', (axe) => axe.withTags(WCAG_TAGS)], ['dark', (axe) => axe.withRules(['color-contrast'])]]) {
    it(`axe finds no WCAG 2.2 AA violations on the quiz pages at every step (${colorScheme})`, async () => {
      const { context, page, quiz } = await openQuiz(browser, server, 'craylands', 'privacy-settings', { colorScheme });
      const problems = [];
      const scan = async (step) => {
        const results = await configure(new AxeBuilder({ page })).analyze();
        if (results.violations.length > 0) problems.push(`${step}:\n${describeViolations(results.violations)}`);
      };
      await scan('start');
      await start(page);
      await scan('question');
      await answer(page, wrongChoices(await shown(page, quiz)));
      await scan('feedback');
      await next(page);
      while (!(await page.locator('.quiz-result').isVisible())) {
        await answer(page, rightChoices(await shown(page, quiz)));
        await next(page);
      }
      await makeCertificate(page, 'Jo');
      await page.locator('details.check-certificate summary').click();
      await scan('result, certificate and check form');
      await page.goto(server.url('/craylands/quiz.html'));
      await scan('list');
      await page.goto(server.url('/craylands/quiz-be-smart-online-5-7.html'));
      await page.waitForSelector('[data-quiz-app][data-ready="true"]', { state: 'attached' });
      await start(page);
      const pupils = (await quizzesOf(server, 'craylands')).quizzes.find((q) => q.id === 'be-smart-online-5-7');
      await answer(page, rightChoices(await shown(page, pupils)));
      await scan('pupils question with feedback');
      assert.equal(problems.join('\n\n'), '');
      await context.close();
    });
  }
});
