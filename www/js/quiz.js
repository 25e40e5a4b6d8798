// A quiz page: one question at a time, marked by the core in WebAssembly (QuizSession); the
// answer to each "would you post this?" question is what the school's own checker
// (PostChecker) finds in its draft. The page keeps the words; the core gets only each quiz's
// ids, kinds and right answers, and gives back marks, the order, and the certificate's check
// code. At the end: the score, what to remember, the staff checklist, and a certificate whose
// code a teacher checks with the form at the bottom of the page.
//
// A quiz for children up to 11 (data-child) speaks to the child first: one big question a
// screen, their own words first and the policy's clauses behind "For grown-ups", another go
// after a wrong answer (the first answer is the one scored), and stars at the end.
//
// What is kept: progress in this browser until the quiz is finished, then nothing; nothing at
// all on a shared computer or a class tablet (class mode, class-mode.js), where "Next pupil"
// clears the page for the next child.
//
// Steps: 1. load the wasm glue and module, quizzes.json and rules.json, and run the checker on
//           every scenario's draft;
//        2. carry on from stored progress, or show the start;
//        3. each question: show it (focus on its heading), check the answer, give feedback
//           (for a child, another go after a wrong one), move on;
//        4. the result, the certificate, printing; "Start again" (asked first) or "Next pupil".

const app = document.querySelector('[data-quiz-app]');
const readable = document.querySelector('[data-quiz-text]');
const verifier = document.querySelector('[data-check-certificate]');
const status = app.querySelector('.quiz-status');
const announcer = app.querySelector('.announcer');
const startSection = app.querySelector('.quiz-start');
const questionForm = app.querySelector('.quiz-question');
const feedback = app.querySelector('.quiz-feedback');
const resultSection = app.querySelector('.quiz-result');
const sharedBox = app.querySelector('#shared-computer');
const confirmRestart = app.querySelector('[data-confirm-restart]');
const child = app.dataset.child === 'true';
const STORAGE_KEY = `postwise:quiz:${app.dataset.school}:${app.dataset.quiz}`;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
// Seeds are 1 to 999,999: short enough to set for a class with ?seed=.
const MAX_SEED = 999999;
const speech = 'speechSynthesis' in window && 'SpeechSynthesisUtterance' in window ? window.speechSynthesis : null;

// What a finding is about, in words a child understands.
const CATEGORY_WORDS = {
  'pupil-identity': 'It says who someone is',
  'contact-details': 'It gives out contact details',
  location: 'It says where someone lives or is',
  'school-identity': 'It names the school',
  'offensive-language': 'It has rude words',
  bullying: 'It is unkind or hurtful',
  discrimination: 'It picks on who someone is',
  political: 'It is about politics',
  'personal-opinion': 'It gives a personal view',
  disrepute: 'It complains in public',
  confidential: 'It shares private things about others',
  'contact-request': 'It asks to add or message someone it should not',
  meeting: 'It plans to meet someone from online',
  credentials: 'It gives away a password or login',
  unverified: 'It might not be true',
  copyright: "It uses someone else's work",
  'media-consent': 'It shows other people in photos or videos',
  'age-restriction': 'It is on an app with an age limit above your age',
};

let glue = null;
let quiz = null;
let clauses = {};
let session = null;
let order = null;
// Class mode (class-mode.js): this device is a class tablet.
let classMode = { classModeOn: () => false, nextPupil: (url) => location.replace(url) };
// For each "would you post this?" question, by its index: what the checker finds in its draft,
// and whether that is nothing (the answer key).
const findingsFor = [];
const postSafe = [];
// { version, seed, answers: [[choice…] for each question as written], position, checked }:
// the first answer to each question is the one scored.
let state = null;
// A child's second go at the question on screen: 1 before the first answer, 2 after a wrong one.
let attempt = 1;
let keepNothing = false;

// ── Storage: local only, until the quiz is finished, never on a shared computer ───────────

function save() {
  if (keepNothing || !state) return;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Storage is off or full: the quiz carries on, it just will not survive a reload.
  }
}

function forget() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
}

function stored() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    const fits = saved && saved.version === quiz.version && Number.isInteger(saved.seed) && Array.isArray(saved.answers);
    return fits ? saved : null;
  } catch {
    return null;
  }
}

// ── Small helpers ─────────────────────────────────────────────────────────────────────────

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function show(section) {
  for (const s of [startSection, questionForm, resultSection]) s.hidden = s !== section;
  // While a question is on screen, the page's introduction gives it the room.
  document.querySelector('main').classList.toggle('quiz-running', section === questionForm);
}

function focus(node) {
  node.focus();
  node.scrollIntoView?.({ block: 'nearest' });
}

function announce(message) {
  // Cleared first, so the same words are announced again.
  announcer.textContent = '';
  setTimeout(() => {
    announcer.textContent = message;
  }, 50);
}

function newSeed() {
  const asked = Number(new URLSearchParams(location.search).get('seed'));
  if (Number.isInteger(asked) && asked >= 1 && asked <= MAX_SEED) return asked;
  const random = new Uint32Array(1);
  crypto.getRandomValues(random);
  return (random[0] % MAX_SEED) + 1;
}

function clauseLink(clauseId) {
  const quote = clauses[clauseId];
  const paragraph = element('p', 'question-cite');
  const link = element('a', '', `clause ${clauseId}`);
  link.href = `${app.dataset.policy}#${encodeURIComponent(clauseId)}`;
  paragraph.append('From the policy: ', link);
  if (quote && quote.section) paragraph.append(`, in “${quote.section}”`);
  paragraph.append('.');
  return paragraph;
}

// A "For grown-ups" fold, for what a child need not read first.
function forGrownUps(...parts) {
  const details = element('details', 'for-grown-ups');
  details.append(element('summary', '', 'For grown-ups'), ...parts);
  return details;
}

function currentQuestion() {
  const index = order.questions[state.position];
  return { index, question: quiz.questions[index], shown: order.choices[index] };
}

function startSession(seed) {
  session?.free();
  session = new glue.QuizSession(app.dataset.school, quiz, seed, postSafe);
  order = session.order();
}

function emptyAnswers() {
  return quiz.questions.map(() => []);
}

// ── A question ────────────────────────────────────────────────────────────────────────────

function renderQuestion() {
  const { question, shown } = currentQuestion();
  attempt = 1;
  questionForm.dataset.question = question.id;
  const total = quiz.questions.length;
  const number = state.position + 1;
  const progress = questionForm.querySelector('progress');
  progress.max = total;
  progress.value = number;
  questionForm.querySelector('.question-number').textContent = `Question ${number} of ${total}`;
  questionForm.querySelector('.question-prompt').textContent = question.prompt;

  const scenario = questionForm.querySelector('.scenario');
  const fieldset = questionForm.querySelector('fieldset');
  scenario.hidden = !question.scenario;
  if (question.scenario) {
    const where = {
      personal: 'A post on your own account',
      group: 'A message to a group chat',
      direct: 'A private message to one person',
      school: "A comment on the school's page",
    }[question.scenario.context.channel];
    const media = question.scenario.context.media ?? [];
    const attached = media.length > 0 ? `, with a ${media[0].type === 'video' ? 'video' : 'photo'} showing ${media[0].pupils} children` : '';
    scenario.querySelector('.scenario-caption').textContent = `${where}${attached}:`;
    scenario.querySelector('.scenario-draft').textContent = question.scenario.draft;
    scenario.id = 'scenario';
    fieldset.setAttribute('aria-describedby', 'scenario');
  } else {
    fieldset.removeAttribute('aria-describedby');
  }

  const multiple = question.kind === 'multiple';
  questionForm.querySelector('.question-hint').textContent = multiple ? 'Pick all the right answers.' : 'Pick one answer.';
  const choices = questionForm.querySelector('.quiz-choices');
  choices.replaceChildren(
    ...shown.map((choiceIndex, position) => {
      const id = `choice-${position}`;
      const wrapper = element('div', 'choice choice-large quiz-choice');
      const input = element('input');
      input.type = multiple ? 'checkbox' : 'radio';
      input.name = 'answer';
      input.id = id;
      input.value = String(choiceIndex);
      const label = element('label');
      label.htmlFor = id;
      label.append(element('span', 'choice-letter', LETTERS[position]), ' ', element('span', 'choice-text', question.choices[choiceIndex].text));
      wrapper.append(input, label);
      return wrapper;
    }),
  );
  fieldset.disabled = false;
  questionForm.querySelector('.question-error').hidden = true;
  fieldset.classList.remove('field-error');
  questionForm.querySelector('.check-answer').hidden = false;
  feedback.hidden = true;
  show(questionForm);
}

function picked() {
  return [...questionForm.querySelectorAll('input[name="answer"]:checked')].map((input) => Number(input.value));
}

function checkAnswer() {
  const { index, question } = currentQuestion();
  const choices = picked();
  const error = questionForm.querySelector('.question-error');
  const fieldset = questionForm.querySelector('fieldset');
  if (choices.length === 0) {
    error.hidden = false;
    fieldset.classList.add('field-error');
    fieldset.setAttribute('aria-describedby', question.scenario ? 'scenario question-error' : 'question-error');
    focus(questionForm.querySelector('input[name="answer"]:not(:disabled)'));
    return;
  }
  const answers = state.answers.slice();
  answers[index] = choices;
  const marked = session.score(answers).questions[index];
  if (attempt === 1) {
    state.answers[index] = marked.picked;
    state.checked = true;
    save();
  }
  // A child who is wrong the first time has another go; the first answer stays the score.
  const final = marked.correct || !child || attempt === 2;
  showFeedback(marked, final);
  focus(feedback.querySelector('.feedback-heading'));
}

// Marks each choice in words (not only colour), and explains, quoting the checker for posts.
// Before a child's second go (`final` false), says what was wrong without giving the answer.
function showFeedback(marked, final = true) {
  const { index, question, shown } = currentQuestion();
  const fieldset = questionForm.querySelector('fieldset');
  for (const input of questionForm.querySelectorAll('input[name="answer"]')) {
    const choice = Number(input.value);
    input.checked = marked.picked.includes(choice);
    const label = input.nextElementSibling;
    label.querySelector('.choice-verdict')?.remove();
    const right = marked.right.includes(choice);
    const chosen = marked.picked.includes(choice);
    let words = null;
    if (final && right) words = chosen ? 'Your answer: right' : 'Right answer';
    else if (chosen && !right) words = final ? 'Your answer: not right' : 'Not this one';
    if (words) label.append(element('span', `choice-verdict ${right ? 'verdict-right' : 'verdict-wrong'}`, words));
  }
  fieldset.disabled = true;
  questionForm.querySelector('.check-answer').hidden = true;

  const heading = feedback.querySelector('.feedback-heading');
  heading.textContent = marked.correct ? 'That’s right!' : 'Not quite.';
  feedback.dataset.correct = String(marked.correct);
  const body = feedback.querySelector('.feedback-body');
  const parts = [];
  for (const choice of marked.picked) {
    const said = question.choices[choice].feedback;
    if (said) parts.push(element('p', 'choice-feedback', said));
  }
  if (!final) {
    parts.push(element('p', 'try-again', 'Have another go!'));
  } else {
    if (!marked.correct) {
      const letters = marked.right.map((choice) => `${LETTERS[shown.indexOf(choice)]}: ${question.choices[choice].text}`);
      parts.push(element('p', 'right-answer', `${marked.right.length > 1 ? 'The right answers are' : 'The right answer is'} ${letters.join('; ')}`));
    }
    parts.push(element('p', 'explain', question.explain));
    const grownUps = [];
    if (question.scenario) {
      const said = checkerSays(index);
      parts.push(said.forChild);
      grownUps.push(...said.forGrownUps);
    }
    if (child) parts.push(forGrownUps(clauseLink(question.clause), ...grownUps));
    else parts.push(...grownUps, clauseLink(question.clause));
  }
  body.replaceChildren(...parts);

  const last = state.position === quiz.questions.length - 1;
  feedback.querySelector('[data-action="retry"]').hidden = final;
  const nextButton = feedback.querySelector('[data-action="next"]');
  nextButton.hidden = !final;
  nextButton.textContent = last ? 'See my score' : 'Next question';
  feedback.hidden = false;
  if (final) highlightDraft(index);
}

// A child's second go: the choices open again, but for the wrong ones already picked.
function retry() {
  attempt = 2;
  speech?.cancel();
  const { question } = currentQuestion();
  const fieldset = questionForm.querySelector('fieldset');
  fieldset.disabled = false;
  for (const input of questionForm.querySelectorAll('input[name="answer"]')) {
    const notThisOne = input.nextElementSibling.querySelector('.verdict-wrong') !== null;
    input.checked = false;
    input.disabled = notThisOne;
    input.parentElement.classList.toggle('choice-closed', notThisOne);
  }
  feedback.hidden = true;
  questionForm.querySelector('.check-answer').hidden = false;
  questionForm.querySelector('.question-hint').textContent =
    question.kind === 'multiple' ? 'Have another go: pick all the right answers.' : 'Have another go: pick one answer.';
  focus(questionForm.querySelector('.question-heading'));
  announce('Have another go.');
}

// What the school's checker found in the draft: for the child, what each part of the post
// gives away, once for each set of words however many rules it breaks; for grown-ups, the
// school's message for each.
function checkerSays(index) {
  const question = quiz.questions[index];
  const findings = findingsFor[index] ?? [];
  const box = element('div', 'checker-says');
  box.append(element('h4', '', 'What the post checker found'));
  if (findings.length === 0) {
    box.append(element('p', '', 'Nothing: this post is fine to share.'));
    return { forChild: box, forGrownUps: [] };
  }
  // One entry for each set of words (a home address is both where someone lives and a contact
  // detail: one place in the post, said once).
  const places = new Map();
  for (const finding of findings) {
    const key = `${finding.start}:${finding.end}`;
    if (!places.has(key)) places.set(key, { start: finding.start, end: finding.end, categories: [], messages: [] });
    const place = places.get(key);
    if (!place.categories.includes(finding.category)) place.categories.push(finding.category);
    if (!place.messages.includes(finding.message)) place.messages.push(finding.message);
  }
  const list = element('ul', 'checker-findings');
  const messages = element('ul', 'checker-messages');
  for (const place of places.values()) {
    const item = element('li');
    item.append(element('strong', '', `${place.categories.map((c) => CATEGORY_WORDS[c] ?? c).join('. ')}. `));
    const words = question.scenario.draft.slice(place.start, place.end);
    if (words) item.append('The words ', element('q', '', words));
    if (!child) item.append(words ? ': ' : '', place.messages.join(' '));
    else if (words) item.append('.');
    list.append(item);
    for (const message of place.messages) messages.append(element('li', '', message));
  }
  box.append(list);
  const said = element('div', 'checker-said');
  said.append(element('p', '', 'What the school’s rules say about this post:'), messages);
  return { forChild: box, forGrownUps: child ? [said] : [] };
}

// After the answer, the flagged words are marked in the draft (and named in the list above).
function highlightDraft(index) {
  const question = quiz.questions[index];
  if (!question.scenario) return;
  const draft = question.scenario.draft;
  const spans = (findingsFor[index] ?? []).filter((f) => f.end > f.start).sort((a, b) => a.start - b.start);
  const node = questionForm.querySelector('.scenario-draft');
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const { start, end } of spans) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    fragment.append(draft.slice(at, from), element('mark', '', draft.slice(from, end)));
    at = end;
  }
  fragment.append(draft.slice(at));
  node.replaceChildren(fragment);
}

function next() {
  status.textContent = '';
  speech?.cancel();
  state.position += 1;
  state.checked = false;
  save();
  if (state.position >= quiz.questions.length) {
    showResult();
  } else {
    renderQuestion();
    focus(questionForm.querySelector('.question-heading'));
  }
}

// ── The end ───────────────────────────────────────────────────────────────────────────────

// What to remember: one line per concept asked about, saying whether every question about it
// was answered right. For a child, the clauses go under "For grown-ups".
function rememberLines(score) {
  return quiz.concepts.map((concept) => {
    const marks = score.questions.filter((_, index) => quiz.questions[index].concept === concept.id);
    const allRight = marks.every((mark) => mark.correct);
    const item = element('li', allRight ? 'remember-right' : 'remember-practise');
    item.append(element('strong', '', `${concept.name}. `), concept.remember, ' ');
    item.append(element('span', 'remember-status', allRight ? '(You got this right.)' : '(Worth practising.)'));
    if (!child) item.append(' ', conceptLink(concept, `Clause ${concept.clause}`));
    return item;
  });
}

function conceptLink(concept, text) {
  const link = element('a', '', text);
  link.href = `${app.dataset.policy}#${encodeURIComponent(concept.clause)}`;
  return link;
}

// The staff checklist: the action of every question whose answer was not the safe one.
function showChecklist(score) {
  const withAction = quiz.questions.map((question, index) => ({ text: question.action, mark: score.questions[index] })).filter((a) => a.text);
  const toChange = withAction.filter((a) => !a.mark.correct);
  const done = withAction.filter((a) => a.mark.correct);
  resultSection.querySelector('.checklist').hidden = withAction.length === 0;
  resultSection.querySelector('.checklist-list').replaceChildren(
    ...(toChange.length === 0
      ? [element('li', '', 'Nothing: your answers show your accounts are set up safely.')]
      : toChange.map((action, n) => {
          const item = element('li', 'choice');
          const box = element('input');
          box.type = 'checkbox';
          box.id = `action-${n}`;
          const label = element('label', '', action.text);
          label.htmlFor = box.id;
          item.append(box, label);
          return item;
        })),
  );
  resultSection.querySelector('.checklist-done-block').hidden = done.length === 0;
  resultSection.querySelector('.checklist-done').replaceChildren(...done.map((a) => element('li', '', a.text)));
}

// Stars for a child: three for (nearly) every answer right first time, two for most, one for
// having a go.
function starsFor(score) {
  const share = score.total === 0 ? 1 : score.correct / score.total;
  return share >= 0.9 ? 3 : share >= 0.6 ? 2 : 1;
}

function showStars(score) {
  const stars = starsFor(score);
  for (const row of app.querySelectorAll('[data-stars]')) {
    row.dataset.earned = String(stars);
    row.setAttribute('role', 'img');
    row.setAttribute('aria-label', `${stars} ${stars === 1 ? 'star' : 'stars'} out of 3`);
    row.querySelectorAll('.star').forEach((star, n) => star.classList.toggle('star-earned', n < stars));
  }
  const words = { 3: 'Brilliant!', 2: 'Well done!', 1: 'Good try!' }[stars];
  resultSection.querySelector('[data-celebration-words]').textContent = `${words} You earned ${stars} ${stars === 1 ? 'star' : 'stars'}.`;
}

function showResult() {
  // Finished: nothing of this attempt is kept, on any device.
  forget();
  const score = session.score(state.answers);
  const heading = resultSection.querySelector('#result-heading');
  heading.textContent = `Your score: ${score.correct} out of ${score.total}`;
  resultSection.querySelector('.result-score').textContent = child
    ? score.correct === score.total
      ? 'You got every answer right first time!'
      : `You got ${score.correct} right first time. Read what to remember below.`
    : score.correct === score.total
      ? 'Every answer right. Well done!'
      : `You got ${score.correct} right. Read what to remember below, then try again if you like.`;
  resultSection.querySelector('.remember-list').replaceChildren(...rememberLines(score));
  if (child) {
    showStars(score);
    resultSection.querySelector('.remember-clauses').replaceChildren(
      ...quiz.concepts.map((concept) => {
        const item = element('li', '', `${concept.name}: `);
        item.append(conceptLink(concept, `clause ${concept.clause}`));
        return item;
      }),
    );
  }
  showChecklist(score);
  resultSection.querySelector('.certificate').hidden = true;
  resultSection.querySelector('.certificate-form').hidden = false;
  const inClass = classMode.classModeOn();
  resultSection.querySelector('[data-action="next-pupil"]').hidden = !inClass;
  resultSection.querySelector('.quiz-actions [data-action="restart"]').hidden = inClass;
  show(resultSection);
  heading.focus();
  // The heading at the top of the screen, with a child's stars under it.
  heading.scrollIntoView?.({ block: 'start' });
  announce(`Quiz finished. ${heading.textContent}.`);
}

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function dateInWords(iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return new Date(year, month - 1, day).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

function makeCertificate(event) {
  event.preventDefault();
  const input = resultSection.querySelector('#first-name');
  const error = resultSection.querySelector('#first-name-error');
  const name = input.value.trim().replace(/\s+/g, ' ');
  let made;
  const date = today();
  try {
    made = session.certificate(name, date, state.answers);
  } catch (problem) {
    error.textContent = name === '' ? 'Write your first name.' : problem.message;
    error.hidden = false;
    input.setAttribute('aria-describedby', 'first-name-hint first-name-error');
    input.setAttribute('aria-invalid', 'true');
    focus(input);
    return;
  }
  error.hidden = true;
  input.setAttribute('aria-describedby', 'first-name-hint');
  input.removeAttribute('aria-invalid');
  const certificate = resultSection.querySelector('.certificate');
  const fields = { name, score: `${made.correct} out of ${made.total}`, 'date-words': dateInWords(date), date, code: made.code };
  for (const [field, value] of Object.entries(fields)) certificate.querySelector(`[data-field="${field}"]`).textContent = value;
  certificate.hidden = false;
  focus(certificate.querySelector('.certificate-title'));
  announce('Your certificate is ready.');
}

// ── Checking a certificate ────────────────────────────────────────────────────────────────

function checkCertificate(event) {
  event.preventDefault();
  const typed = event.target.elements.namedItem('verify-code').value;
  const result = verifier.querySelector('.verify-result');
  // The seed orders questions only: any will do to read a code.
  const check = new glue.QuizSession(app.dataset.school, quiz, 1, postSafe);
  let said;
  try {
    said = check.check(typed);
  } finally {
    check.free();
  }
  const messages = {
    genuine: () => {
      const name = said.initial ? `a name beginning with ${said.initial.toUpperCase()}` : 'a name that does not begin with a letter from A to Z';
      return `This code is genuine. The certificate should say: ${said.correct} out of ${said.total} right, on ${dateInWords(said.date)}, for ${name}. If it says anything else, it has been changed.`;
    },
    typo: () => 'This code has a typo. Check each letter and digit against the certificate, and type it again.',
    malformed: () => 'A check code has 12 letters and digits, like 1A2B-3C4D-5E6F. Type it as the certificate shows it.',
    'other-version': () => `This certificate was made with another version of this quiz (this page has version ${quiz.version}), so this page cannot check it.`,
    'not-genuine': () => 'This code was not made by this quiz at this school. The certificate may have been changed, or be for another quiz or school.',
  };
  result.dataset.genuine = { genuine: 'true', 'not-genuine': 'false' }[said.status] ?? 'unsure';
  result.textContent = (messages[said.status] ?? messages.malformed)();
}

// ── Starting, carrying on, starting again ─────────────────────────────────────────────────

function begin() {
  status.textContent = '';
  keepNothing = classMode.classModeOn() || sharedBox.checked;
  if (keepNothing) forget();
  const seed = newSeed();
  startSession(seed);
  state = { version: quiz.version, seed, answers: emptyAnswers(), position: 0, checked: false };
  save();
  renderQuestion();
  focus(questionForm.querySelector('.question-heading'));
}

function restart() {
  speech?.cancel();
  forget();
  state = null;
  resultSection.querySelector('#first-name').value = '';
  show(startSection);
  focus(startSection.querySelector('#start-heading'));
  announce('Your answers have been cleared.');
}

// "Start again" asks first: a tap by mistake must not lose a child's answers.
function askToRestart(button) {
  if (typeof confirmRestart.showModal !== 'function') {
    restart();
    return;
  }
  confirmRestart.returnFocus = button;
  confirmRestart.showModal();
}

confirmRestart.addEventListener('click', (event) => {
  const answer = event.target.closest('[data-confirm]')?.dataset.confirm;
  if (!answer) return;
  confirmRestart.close(answer);
  // At once, not on the 'close' event a task later: the answers go when the dialog does.
  if (answer === 'yes') restart();
});
confirmRestart.addEventListener('close', () => {
  if (confirmRestart.returnValue !== 'yes') confirmRestart.returnFocus?.focus();
  confirmRestart.returnValue = '';
});

function resume(saved) {
  startSession(saved.seed);
  session.score(saved.answers); // throws if the answers no longer fit the quiz: start afresh
  const position = Math.min(Math.max(0, Math.trunc(saved.position ?? 0)), quiz.questions.length - 1);
  const answers = quiz.questions.map((_, index) => saved.answers[index] ?? []);
  state = { version: quiz.version, seed: saved.seed, answers, position, checked: Boolean(saved.checked) };
  renderQuestion();
  const { index } = currentQuestion();
  if (state.checked && state.answers[index]?.length > 0) {
    showFeedback(session.score(state.answers).questions[index]);
  }
  status.textContent = `Welcome back: you were on question ${state.position + 1} of ${quiz.questions.length}.`;
  focus(questionForm.querySelector('.question-heading'));
}

function readAloud(which) {
  if (!speech) return;
  speech.cancel();
  let words;
  if (which === 'feedback') {
    words = `${feedback.querySelector('.feedback-heading').textContent} ${[...feedback.querySelectorAll('.feedback-body > :not(details)')].map((n) => n.textContent).join(' ')}`;
  } else {
    const { question, shown } = currentQuestion();
    const parts = [question.prompt];
    if (question.scenario) parts.push(`The post says: ${question.scenario.draft}`);
    shown.forEach((choice, position) => parts.push(`${LETTERS[position]}: ${question.choices[choice].text}`));
    words = parts.join('. ');
  }
  const utterance = new SpeechSynthesisUtterance(words);
  utterance.lang = 'en-GB';
  utterance.rate = 0.9;
  speech.speak(utterance);
}

// "Next pupil": the quiz's own address (a seed set for the class stays), opened afresh.
function nextPupil() {
  speech?.cancel();
  forget();
  const url = new URL(location.href);
  for (const key of [...url.searchParams.keys()]) if (key !== 'seed') url.searchParams.delete(key);
  url.hash = '';
  classMode.nextPupil(url.href);
}

async function start() {
  const classModule = document.querySelector('script[data-class-mode]');
  if (classModule) classMode = await import(classModule.src);
  glue = await import(app.dataset.glue);
  await glue.default({ module_or_path: app.dataset.wasm });
  const [quizzes, bundle] = await Promise.all(
    [app.dataset.quizzes, app.dataset.rules].map(async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url} could not be loaded (${response.status})`);
      return response.json();
    }),
  );
  quiz = quizzes.quizzes.find((q) => q.id === app.dataset.quiz);
  if (!quiz) throw new Error('this quiz is not in the school’s quizzes');
  clauses = quizzes.clauses ?? {};
  // The answer to each "would you post this?" question is what the school's checker says.
  const checker = new glue.PostChecker(bundle);
  quiz.questions.forEach((question, index) => {
    const findings = question.scenario ? checker.check(question.scenario.draft, question.scenario.context) : [];
    findingsFor[index] = findings;
    postSafe[index] = findings.length === 0;
  });
  checker.free();

  const inClass = classMode.classModeOn();
  app.querySelector('[data-class-note]').hidden = !inClass;
  app.querySelector('[data-shared-choice]').hidden = inClass;
  readable.hidden = true;
  verifier.hidden = false;
  for (const button of app.querySelectorAll('.read-aloud')) button.hidden = !speech;
  resultSection.querySelector('[data-action="print"]').hidden = false;
  status.textContent = '';
  app.dataset.ready = 'true';

  let saved = inClass ? null : stored();
  // A finished quiz keeps nothing (a page from before that rule may have kept one).
  if (inClass || saved?.position >= quiz.questions.length) {
    forget();
    saved = null;
  }
  if (saved) {
    try {
      keepNothing = false;
      resume(saved);
      return;
    } catch {
      forget();
    }
  }
  show(startSection);
}

sharedBox.checked = new URLSearchParams(location.search).get('shared') === '1';
sharedBox.addEventListener('change', () => {
  if (sharedBox.checked) forget();
});
app.addEventListener('click', (event) => {
  const button = event.target.closest('button');
  if (!button || confirmRestart.contains(button)) return;
  const action = button.dataset.action;
  if (action === 'start') begin();
  else if (action === 'next') next();
  else if (action === 'retry') retry();
  else if (action === 'restart') askToRestart(button);
  else if (action === 'next-pupil') nextPupil();
  else if (action === 'print') window.print();
  else if (button.classList.contains('read-aloud')) readAloud(button.dataset.read);
});
questionForm.addEventListener('submit', (event) => {
  event.preventDefault();
  checkAnswer();
});
questionForm.addEventListener('change', () => {
  questionForm.querySelector('.question-error').hidden = true;
  questionForm.querySelector('fieldset').classList.remove('field-error');
});
resultSection.querySelector('.certificate-form').addEventListener('submit', makeCertificate);
verifier.querySelector('.verify-form').addEventListener('submit', checkCertificate);

app.hidden = false;
if (typeof WebAssembly !== 'object') {
  status.textContent = 'This browser cannot run the quiz (it needs WebAssembly). The questions are below to read.';
} else {
  start().catch((error) => {
    readable.hidden = false;
    status.textContent = `The quiz could not start: ${error.message}. The questions are below to read.`;
  });
}
