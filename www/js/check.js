// The "Check a post" page: runs the school's rules on the draft at every keystroke, in
// WebAssembly, and shows what it finds in the text and in a list. Nothing typed leaves the
// device; the draft is kept in this browser only if the person asks for it.
//
// Steps: 1. load the checker (wasm glue, wasm, the school's rules.json);
//        2. read who is posting, where, and the media checklist;
//        3. on every change: check, highlight, list findings, set the verdict;
//        4. tell screen readers what changed, once typing pauses.

const page = document.querySelector('[data-checker]');
const form = page.querySelector('form');
const draft = form.elements.namedItem('draft');
const backdrop = page.querySelector('.editor-highlights');
const verdict = page.querySelector('.verdict');
const findingsList = page.querySelector('.findings-list');
const announcer = page.querySelector('.announcer');
const status = page.querySelector('.checker-status');
const keepDraft = form.elements.namedItem('keep');
const STORAGE_KEY = `postwise:check:${page.dataset.school}`;

// Storage can be switched off or full; the checker works without it.
function store(value) {
  try {
    if (value === null) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, value);
  } catch {
    status.textContent = 'This browser will not keep the draft, but the checker still works.';
  }
}

function stored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

const CATEGORY_NAMES = {
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

let checker = null;
let clauses = {};
let lastAnnounced = '';
let announceTimer = 0;

function context() {
  const author = form.elements.namedItem('author').value;
  const channel = form.elements.namedItem('channel').value;
  const ageText = form.elements.namedItem('age').value.trim();
  const age = author === 'pupil' && /^\d{1,2}$/.test(ageText) ? Number(ageText) : undefined;
  const media = [];
  if (form.elements.namedItem('has-media').checked) {
    const pupils = Number(form.elements.namedItem('media-pupils').value);
    media.push({
      type: form.elements.namedItem('media-type').value,
      pupils: Number.isInteger(pupils) && pupils >= 0 ? pupils : 0,
      consent: form.elements.namedItem('media-consent').value,
      swimwear: form.elements.namedItem('media-swimwear').checked,
      own_child_only: form.elements.namedItem('media-own-child').checked,
    });
  }
  return age === undefined ? { author, channel, media } : { author, channel, age, media };
}

// Rebuilds the highlight layer: the same text as the box, with <mark>s on the findings.
function highlight(text, findings) {
  const spans = findings
    .filter((f) => f.end > f.start)
    .map((f) => [f.start, f.end, f.severity])
    .sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const [start, end, severity] of spans) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) fragment.append(text.slice(at, from));
    const mark = document.createElement('mark');
    mark.className = `severity-${severity}`;
    mark.textContent = text.slice(from, end);
    fragment.append(mark);
    at = end;
  }
  // A trailing newline needs a character after it to take up a line, as in the box.
  fragment.append(text.slice(at) + '\n');
  backdrop.replaceChildren(fragment);
  backdrop.scrollTop = draft.scrollTop;
}

function verdictFor(findings) {
  if (findings.some((f) => f.severity === 'must')) {
    return { level: 'stop', title: "Don't post this", detail: 'It breaks a rule in the policy. Change the parts marked below.' };
  }
  if (findings.length > 0) {
    return { level: 'think', title: 'Think again', detail: 'The policy advises against parts of this. If in doubt, don\'t post.' };
  }
  if (draft.value.trim() === '' && context().media.length === 0) {
    return { level: 'empty', title: 'Nothing to check yet', detail: 'Type or paste your post in the box.' };
  }
  return { level: 'ok', title: 'Looks fine', detail: 'Nothing here breaks the school\'s rules. Read it once more before you post.' };
}

function clauseLink(clauseId) {
  const quote = clauses[clauseId];
  const wrapper = document.createElement('div');
  wrapper.className = 'finding-clause';
  const link = document.createElement('a');
  link.href = `${page.dataset.policy}#${encodeURIComponent(clauseId)}`;
  link.textContent = quote && quote.section ? `${quote.section}, clause ${clauseId}` : `Clause ${clauseId}`;
  wrapper.append('From the policy: ', link);
  if (quote && quote.text) {
    const blockquote = document.createElement('blockquote');
    blockquote.textContent = quote.text;
    wrapper.append(blockquote);
  }
  return wrapper;
}

function renderFindings(text, findings) {
  findingsList.replaceChildren(
    ...findings.map((finding) => {
      const item = document.createElement('li');
      item.className = `finding severity-${finding.severity}`;
      const heading = document.createElement('h3');
      heading.textContent = CATEGORY_NAMES[finding.category] ?? finding.category;
      const what = document.createElement('p');
      if (finding.end > finding.start) {
        const quoted = document.createElement('q');
        quoted.textContent = text.slice(finding.start, finding.end);
        const show = document.createElement('button');
        show.type = 'button';
        show.className = 'show-in-text';
        show.textContent = 'Show in my post';
        show.addEventListener('click', () => {
          draft.focus();
          draft.setSelectionRange(finding.start, finding.end);
        });
        what.append('In your post: ', quoted, ' ', show);
      } else {
        what.textContent = 'About the photo or video you are attaching.';
      }
      const message = document.createElement('p');
      message.className = 'finding-message';
      message.textContent = finding.message;
      const severity = document.createElement('p');
      severity.className = 'finding-severity';
      severity.textContent = SEVERITY_WORDS[finding.severity] ?? '';
      item.append(heading, what, message, severity, clauseLink(finding.clause));
      return item;
    }),
  );
}

// Screen readers hear a short summary once typing pauses, and only when it changed.
function announce(summary) {
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    if (summary !== lastAnnounced) {
      announcer.textContent = summary;
      lastAnnounced = summary;
    }
  }, 1200);
}

function run() {
  if (!checker) return;
  const text = draft.value;
  let findings;
  try {
    findings = checker.check(text, context());
  } catch (error) {
    status.textContent = `The checker could not read that: ${error.message}`;
    return;
  }
  highlight(text, findings);
  renderFindings(text, findings);
  const result = verdictFor(findings);
  verdict.dataset.level = result.level;
  verdict.querySelector('.verdict-title').textContent = result.title;
  verdict.querySelector('.verdict-detail').textContent = result.detail;
  const count = findings.length === 1 ? '1 thing to look at' : `${findings.length} things to look at`;
  announce(findings.length === 0 ? result.title : `${result.title}: ${count}.`);
  if (keepDraft.checked) store(text);
}

function showAgeFieldForPupils() {
  const pupil = form.elements.namedItem('author').value === 'pupil';
  page.querySelector('.age-field').hidden = !pupil;
  page.querySelector('.own-child-field').hidden = form.elements.namedItem('author').value !== 'parent';
}

function showMediaFields() {
  page.querySelector('.media-fields').hidden = !form.elements.namedItem('has-media').checked;
}

async function start() {
  const started = performance.now();
  const glue = await import(page.dataset.glue);
  await glue.default({ module_or_path: page.dataset.wasm });
  const response = await fetch(page.dataset.rules);
  if (!response.ok) throw new Error(`the school's rules could not be loaded (${response.status})`);
  const bundle = await response.json();
  clauses = bundle.clauses ?? {};
  checker = new glue.PostChecker(bundle);
  performance.measure('postwise:checker-ready', { start: started });
  page.dataset.ready = 'true';
  status.textContent = '';
  run();
}

// Everything the page needs from JavaScript is here; without it the <noscript> text explains.
page.hidden = false;
form.addEventListener('submit', (event) => event.preventDefault());
form.addEventListener('input', (event) => {
  if (event.target.name === 'author') showAgeFieldForPupils();
  if (event.target.name === 'has-media') showMediaFields();
  run();
});
draft.addEventListener('scroll', () => {
  backdrop.scrollTop = draft.scrollTop;
});
keepDraft.addEventListener('change', () => store(keepDraft.checked ? draft.value : null));
form.querySelector('.clear-draft').addEventListener('click', () => {
  draft.value = '';
  store(null);
  run();
  draft.focus();
});

const saved = stored();
if (saved !== null) {
  draft.value = saved;
  keepDraft.checked = true;
}
const preset = new URLSearchParams(location.search);
for (const name of ['author', 'channel']) {
  const value = preset.get(name);
  const input = value && form.querySelector(`input[name="${name}"][value="${CSS.escape(value)}"]`);
  if (input) input.checked = true;
}
showAgeFieldForPupils();
showMediaFields();

if (typeof WebAssembly !== 'object') {
  status.textContent = 'This browser cannot run the checker (it needs WebAssembly). You can still read the policy.';
} else {
  start().catch((error) => {
    status.textContent = `The checker could not start: ${error.message}. You can still read the policy.`;
  });
}
