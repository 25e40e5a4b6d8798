// A quiz page: one question at a time, marked by the core in WebAssembly (QuizSession); the
// answer to each "would you post this?" question is what the school's own checker
// (PostChecker) finds in its draft. The page keeps the words; the core gets only each quiz's
// ids, kinds and right answers, and gives back marks, the order, and the certificate's code. Progress is kept in this browser only, and not at all on a
// shared computer. At the end: the score, what to remember, the staff checklist, and a
// certificate whose code a teacher can check with the form at the bottom of the page.
//
// Steps: 1. load the wasm glue and module, quizzes.json and rules.json, and run the checker on
//           every scenario's draft;
//        2. carry on from stored progress, or show the start;
//        3. each question: show it (focus on its heading), check the answer, give feedback,
//           move on;
//        4. the result, the certificate, printing; "start again" clears what was stored.

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
const STORAGE_KEY = `postwise:quiz:${app.dataset.school}:${app.dataset.quiz}`;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
// Seeds are 1 to 999,999: short enough to print on a certificate and type into the check form.
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
// For each "would you post this?" question, by its index: what the checker finds in its draft,
// and whether that is nothing (the answer key).
const findingsFor = [];
const postSafe = [];
// { version, seed, answers: [[choice…] for each question as written], position, checked }
let state = null;
let shared = false;

// ── Storage: local only, never on a shared computer, and the quiz works without it ─────────

function save() {
  if (shared || !state) return;
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
  questionForm.querySelector('.question-hint').textContent = multiple
    ? 'Pick all the right answers.'
    : 'Pick one answer.';
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
    focus(questionForm.querySelector('input[name="answer"]'));
    return;
  }
  const answers = state.answers.slice();
  answers[index] = choices;
  const marked = session.score(answers).questions[index];
  state.answers[index] = marked.picked;
  state.checked = true;
  save();
  showFeedback(marked);
  focus(feedback.querySelector('.feedback-heading'));
}

// Marks each choice in words (not only colour), and explains, quoting the checker for posts.
function showFeedback(marked) {
  const { question, shown } = currentQuestion();
  const fieldset = questionForm.querySelector('fieldset');
  for (const input of questionForm.querySelectorAll('input[name="answer"]')) {
    const choice = Number(input.value);
    input.checked = marked.picked.includes(choice);
    const label = input.nextElementSibling;
    label.querySelector('.choice-verdict')?.remove();
    const right = marked.right.includes(choice);
    const chosen = marked.picked.includes(choice);
    if (right || chosen) {
      const words = right ? (chosen ? 'Your answer: right' : 'Right answer') : 'Your answer: not right';
      label.append(element('span', `choice-verdict ${right ? 'verdict-right' : 'verdict-wrong'}`, words));
    }
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
  if (!marked.correct) {
    const letters = marked.right.map((choice) => `${LETTERS[shown.indexOf(choice)]}: ${question.choices[choice].text}`);
    parts.push(element('p', 'right-answer', `${marked.right.length > 1 ? 'The right answers are' : 'The right answer is'} ${letters.join('; ')}`));
  }
  parts.push(element('p', 'explain', question.explain));
  if (question.scenario) parts.push(checkerSays(currentQuestion().index));
  parts.push(clauseLink(question.clause));
  body.replaceChildren(...parts);

  const last = state.position === quiz.questions.length - 1;
  feedback.querySelector('[data-action="next"]').textContent = last ? 'See my score' : 'Next question';
  feedback.hidden = false;
  highlightDraft(currentQuestion().index);
}

// What the school's checker found in the draft: its findings, or that it found nothing.
function checkerSays(index) {
  const question = quiz.questions[index];
  const findings = findingsFor[index] ?? [];
  const box = element('div', 'checker-says');
  box.append(element('h4', '', 'What the post checker found'));
  if (findings.length === 0) {
    box.append(element('p', '', 'Nothing: this post is fine to share.'));
    return box;
  }
  const list = element('ul', 'checker-findings');
  for (const finding of findings) {
    const item = element('li');
    item.append(element('strong', '', `${CATEGORY_WORDS[finding.category] ?? finding.category}. `));
    const words = question.scenario.draft.slice(finding.start, finding.end);
    if (words) item.append('The words ', element('q', '', words), ': ');
    item.append(finding.message);
    list.append(item);
  }
  box.append(list);
  return box;
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
// was answered right.
function rememberLines(score) {
  return quiz.concepts.map((concept) => {
    const marks = score.questions.filter((_, index) => quiz.questions[index].concept === concept.id);
    const allRight = marks.every((mark) => mark.correct);
    const item = element('li', allRight ? 'remember-right' : 'remember-practise');
    item.append(element('strong', '', `${concept.name}. `), concept.remember, ' ');
    item.append(element('span', 'remember-status', allRight ? '(You got this right.)' : '(Worth practising.)'), ' ');
    const link = element('a', '', `Clause ${concept.clause}`);
    link.href = `${app.dataset.policy}#${encodeURIComponent(concept.clause)}`;
    item.append(link);
    return item;
  });
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

function showResult() {
  const score = session.score(state.answers);
  const heading = resultSection.querySelector('#result-heading');
  heading.textContent = `Your score: ${score.correct} out of ${score.total}`;
  resultSection.querySelector('.result-score').textContent =
    score.correct === score.total
      ? 'Every answer right. Well done!'
      : `You got ${score.correct} right. Read what to remember below, then try again if you like.`;
  resultSection.querySelector('.remember-list').replaceChildren(...rememberLines(score));
  showChecklist(score);
  resultSection.querySelector('.certificate').hidden = true;
  resultSection.querySelector('.certificate-form').hidden = false;
  show(resultSection);
  focus(heading);
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
  const score = session.score(state.answers);
  const certificate = resultSection.querySelector('.certificate');
  const fields = {
    name,
    score: `${score.correct} out of ${score.total}`,
    'date-words': dateInWords(date),
    date,
    seed: String(state.seed),
    record: made.record,
    code: made.code,
  };
  for (const [field, value] of Object.entries(fields)) certificate.querySelector(`[data-field="${field}"]`).textContent = value;
  certificate.hidden = false;
  focus(certificate.querySelector('.certificate-title'));
  announce(`Your certificate is ready. Its check code is ${made.code}.`);
}

// ── Checking a certificate ────────────────────────────────────────────────────────────────

function checkCertificate(event) {
  event.preventDefault();
  const form = event.target;
  const value = (name) => form.elements.namedItem(name).value.trim();
  const result = verifier.querySelector('.verify-result');
  const seed = Number(value('verify-seed'));
  const correct = Number(value('verify-score'));
  let message;
  let genuine = false;
  if (!Number.isInteger(seed) || seed < 1 || seed > 4294967295) {
    message = 'Type the seed as it is printed on the certificate (a number).';
  } else if (value('verify-score') === '' || !Number.isInteger(correct) || correct < 0) {
    message = 'Type the score as it is printed on the certificate: the number of answers right.';
  } else {
    let check = null;
    try {
      check = new glue.QuizSession(app.dataset.school, quiz, seed, postSafe);
      const printed = { name: value('verify-name'), date: value('verify-date'), correct, record: value('verify-record'), code: value('verify-code') };
      genuine = check.check(printed);
      message = genuine
        ? `This certificate is genuine: ${printed.name} scored ${correct} out of ${quiz.questions.length}.`
        : `This certificate does not match. Its name, date, seed, score, answers or code were changed, or it is for another quiz or version (this is version ${quiz.version}).`;
    } catch (problem) {
      message = `This cannot be checked: ${problem.message}.`;
    } finally {
      check?.free();
    }
  }
  result.dataset.genuine = String(genuine);
  result.textContent = message;
}

// ── Starting, carrying on, starting again ─────────────────────────────────────────────────

function begin() {
  status.textContent = '';
  shared = sharedBox.checked;
  if (shared) forget();
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
  show(startSection);
  focus(startSection.querySelector('#start-heading'));
  announce('Your answers have been cleared.');
}

function resume(saved) {
  startSession(saved.seed);
  session.score(saved.answers); // throws if the answers no longer fit the quiz: start afresh
  const position = Math.min(Math.max(0, Math.trunc(saved.position ?? 0)), quiz.questions.length);
  const answers = quiz.questions.map((_, index) => saved.answers[index] ?? []);
  state = { version: quiz.version, seed: saved.seed, answers, position, checked: Boolean(saved.checked) };
  if (state.position >= quiz.questions.length) {
    showResult();
    return;
  }
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
    words = `${feedback.querySelector('.feedback-heading').textContent} ${feedback.querySelector('.feedback-body').textContent}`;
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

async function start() {
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

  readable.hidden = true;
  verifier.hidden = false;
  for (const button of app.querySelectorAll('.read-aloud')) button.hidden = !speech;
  resultSection.querySelector('[data-action="print"]').hidden = false;
  status.textContent = '';
  app.dataset.ready = 'true';

  const saved = stored();
  if (saved) {
    try {
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
  shared = sharedBox.checked;
  if (shared) forget();
});
app.addEventListener('click', (event) => {
  const button = event.target.closest('button');
  if (!button) return;
  const action = button.dataset.action;
  if (action === 'start') begin();
  else if (action === 'next') next();
  else if (action === 'restart') restart();
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
