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
// What the page says before any check; not worth announcing again.
let lastAnnounced = 'Nothing to check yet';
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
      // A parent's answer only: the box is hidden, but may still be ticked, for anyone else.
      own_child_only: author === 'parent' && form.elements.namedItem('media-own-child').checked,
    });
  }
  return age === undefined ? { author, channel, media } : { author, channel, age, media };
}

// Selects text in the box and scrolls the box to it: browsers do not scroll a textarea to a
// selection made by script. Where the words are is read from the highlight layer, which lays
// out the same text in the same box.
function select(start, end) {
  draft.focus();
  draft.setSelectionRange(start, end);
  let at = 0;
  const walker = document.createTreeWalker(backdrop, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (start < at + node.length) {
      const range = document.createRange();
      range.setStart(node, start - at);
      range.setEnd(node, Math.min(end - at, node.length));
      const words = range.getBoundingClientRect();
      const top = words.top - backdrop.getBoundingClientRect().top + backdrop.scrollTop - draft.clientTop;
      if (top < draft.scrollTop || top + words.height > draft.scrollTop + draft.clientHeight) {
        draft.scrollTop = Math.max(0, top - draft.clientHeight / 3);
      }
      return;
    }
    at += node.length;
  }
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
  // In a new tab, and saying so: following it here would lose a draft that is not kept.
  const link = document.createElement('a');
  link.href = `${page.dataset.policy}#${encodeURIComponent(clauseId)}`;
  link.target = '_blank';
  link.rel = 'noopener';
  link.textContent = quote?.label || `Clause ${clauseId}`;
  link.append(' (opens in a new tab)');
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
      item.dataset.category = finding.category;
      item.dataset.rule = finding.rule;
      const heading = document.createElement('h3');
      heading.textContent = CATEGORY_NAMES[finding.category] ?? finding.category;
      const what = document.createElement('p');
      what.className = 'finding-what';
      if (finding.end > finding.start) {
        const quoted = document.createElement('q');
        quoted.textContent = text.slice(finding.start, finding.end);
        const show = document.createElement('button');
        show.type = 'button';
        show.className = 'show-in-text';
        show.textContent = 'Show in my post';
        show.addEventListener('click', () => select(finding.start, finding.end));
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
  const started = performance.now();
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
  // One check and its rendering (tests/e2e/timing.mjs reads these); only the latest is kept.
  performance.clearMeasures('postwise:check');
  performance.measure('postwise:check', { start: started });
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
  // The three downloads at once (the wasm streams into the compiler as it arrives), not one
  // after another: on a school's network each waits a round trip.
  const wasm = fetch(page.dataset.wasm);
  const rules = fetch(page.dataset.rules).then((response) => {
    if (!response.ok) throw new Error(`the school's rules could not be loaded (${response.status})`);
    return response.json();
  });
  // Whichever fails first is the one reported; the other is not an unhandled rejection.
  wasm.catch(() => {});
  rules.catch(() => {});
  const glue = await import(page.dataset.glue);
  await glue.default({ module_or_path: wasm });
  const bundle = await rules;
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

// Says why there is no checker, and where to read the rules instead; the form goes, since
// a box that checks nothing would look like a post with nothing wrong.
function unavailable(reason) {
  form.hidden = true;
  const policy = document.createElement('a');
  policy.href = page.dataset.policy;
  policy.textContent = 'read the policy';
  const rules = document.createElement('a');
  rules.href = 'rules.html';
  rules.textContent = 'the rules the checker uses, with examples';
  status.replaceChildren(`${reason} You can still `, policy, ' and ', rules, '.');
  status.classList.add('notice');
}

if (typeof WebAssembly !== 'object') {
  unavailable('This browser cannot run the checker: it needs WebAssembly, which is turned off or missing.');
} else {
  start().catch((error) => {
    unavailable(`The checker could not start: ${error.message}.`);
  });
}
