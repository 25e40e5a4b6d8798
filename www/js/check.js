// The "Check a post" page: runs the school's rules on the draft at every keystroke, in
// WebAssembly, and shows what it finds where the writer is looking: underlined in the box, in a
// card beside an underline, in a verdict kept above the box, and in a list that quotes each
// clause once. Nothing typed leaves the device; the draft, and the reasons findings were set
// aside, are kept in this browser only.
//
// Steps: 1. load the checker (wasm glue, wasm, the school's rules.json); what was typed or
//           pasted while it loaded is checked as soon as it is ready;
//        2. read who is posting, where, and the media checklist; ask the checker whether the
//           policy covers them and what it asks of them that no text shows;
//        3. on every change: check (the "rules" source), then draw everything from the
//           findings of every source: highlights, verdict, list;
//        4. once ready, fetch check-tools.js: a finding's card with its rewrites, setting
//           findings aside, the platform counter, printing and copying the check (`api` is
//           what it gets from here);
//        5. then fetch the tone tier's model (tone.bin, about 650 KB gzipped, cached): from then
//           on every check reads the draft's tone too (bullying said without a rude word, a
//           post that could damage the school). It adds well under a millisecond to a check, so it runs
//           at every keystroke like the rest; until it is here, the verdict says the tone has
//           not been read;
//        6. tell screen readers what changed, once typing pauses.
//
// Findings come from sources (`sources.rules` now; a slower one may add its own later and
// call `render()`): the verdict, list and highlights are drawn from all of them together.

const page = document.querySelector('[data-checker]');
const form = page.querySelector('form');
const field = (name) => form.elements.namedItem(name);
const draft = field('draft');
const backdrop = page.querySelector('.editor-highlights');
const verdict = page.querySelector('.verdict');
const badge = page.querySelector('.verdict-badge');
const findingsList = page.querySelector('.findings-list');
const announcer = page.querySelector('.announcer');
const status = page.querySelector('.checker-status');
const keepDraft = field('keep');
const LIMIT = Number(page.dataset.draftLimit);
const KEY = `postwise:check:${page.dataset.school}`;
const ASIDE_KEY = `${KEY}:set-aside`;

// Storage can be switched off or full; the checker works without it.
function store(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    status.textContent = 'This browser will not keep anything, but the checker still works.';
  }
}

function stored(key) {
  try {
    return localStorage.getItem(key);
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

// What a clear verdict says was checked, by the tone tier's state.
const TONE_WORDS = {
  ready: 'The checker found nothing in the words or their tone that breaks the policy. It can still miss unkindness said politely: read it as the person it is about would.',
  loading: 'The checker found nothing in the words that breaks the policy. It has not read the tone yet (it is still loading).',
  failed: 'The checker found nothing in the words that breaks the policy. Its reading of tone could not load, so the tone has not been checked: read it as the person it is about would.',
};

const AUTHOR_WORDS = { staff: 'staff', pupil: 'pupils', parent: 'parents and carers' };
const CHANNEL_WORDS = {
  school: "the school's account",
  personal: 'their own account',
  group: 'a private group',
  direct: 'a private message',
};

// Why a finding may be set aside; kept by number, never with the words it was about.
const REASONS = [
  "It is the school's own contact details",
  'Consent is on file for this',
  'It is not a pupil',
  'The head has approved it',
  'The checker has got this wrong',
];

let checker = null;
// The tone tier: 'loading', 'ready' or 'failed' (the verdict says which).
let tone = 'loading';
let bundle = null;
let clauses = {};
const sources = { rules: [] };
let shown = [];
let coverage = 'covered';
let asks = [];
let contextKey = '';
let listKey = '';
// check-tools.js's functions, once it is here.
let tools = null;
// What the page says before any check; not worth announcing again.
let lastAnnounced = 'Nothing to check yet';
let announceTimer = 0;

// Set-aside findings by a hash of their rule and words (the words themselves are not kept).
const setAside = new Map(Object.entries(JSON.parse(stored(ASIDE_KEY) ?? '{}')));

function keyOf(rule, words) {
  let hash = 0x811c9dc5;
  for (const c of `${rule}\n${words.toLowerCase()}`) hash = Math.imul(hash ^ c.codePointAt(0), 0x01000193) >>> 0;
  return hash.toString(36);
}

function context() {
  const author = field('author').value;
  const channel = field('channel').value;
  const ageText = field('age').value.trim();
  const age = author === 'pupil' && /^\d{1,2}$/.test(ageText) ? Number(ageText) : undefined;
  const media = [];
  if (field('has-media').checked) {
    const pupils = Number(field('media-pupils').value);
    media.push({
      type: field('media-type').value,
      pupils: Number.isInteger(pupils) && pupils >= 0 ? pupils : 0,
      consent: field('media-consent').value,
      swimwear: field('media-swimwear').checked,
      // A parent's answer only: the box is hidden, but may still be ticked, for anyone else.
      own_child_only: author === 'parent' && field('media-own-child').checked,
    });
  }
  return age === undefined ? { author, channel, media } : { author, channel, age, media };
}

function element(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function button(text, onClick, className = 'button-secondary') {
  const node = element('button', { type: 'button', className, textContent: text });
  node.addEventListener('click', onClick);
  return node;
}

// A link to a clause of the policy, in words people use ("Data protection principles,
// 7.9(b)"). In a new tab, and saying so: following it here would lose a draft that is not kept.
function clauseLink(clauseId) {
  const quote = clauses[clauseId];
  return element('a', {
    href: `${page.dataset.policy}#${encodeURIComponent(clauseId)}`,
    target: '_blank',
    rel: 'noopener',
    textContent: `${quote?.label || `Clause ${clauseId}`} (opens in a new tab)`,
  });
}

// ── Drawing ───────────────────────────────────────────────────────────────────────────────

// Selects text in the box and scrolls the box to it: browsers do not scroll a textarea to a
// selection made by script. Where the words are is read from the highlight layer, which lays
// out the same text in the same box.
function select(start, end) {
  draft.focus();
  draft.setSelectionRange(start, end);
  const words = rangeRect(start, end);
  if (!words) return;
  const top = words.top - backdrop.getBoundingClientRect().top + backdrop.scrollTop - draft.clientTop;
  if (top < draft.scrollTop || top + words.height > draft.scrollTop + draft.clientHeight) {
    draft.scrollTop = Math.max(0, top - draft.clientHeight / 3);
  }
}

// Where characters start to end are drawn, from the highlight layer.
function rangeRect(start, end) {
  let at = 0;
  const walker = document.createTreeWalker(backdrop, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (start < at + node.length) {
      const range = document.createRange();
      range.setStart(node, start - at);
      range.setEnd(node, Math.min(end - at, node.length));
      return range.getBoundingClientRect();
    }
    at += node.length;
  }
  return null;
}

// Rebuilds the highlight layer: the same text as the box, with <mark>s on the findings.
function highlight(text, findings) {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const finding of findings) {
    // A finding about the whole post is listed, not drawn over every word.
    if (finding.end <= at || finding.end === finding.start || finding.whole) continue;
    const from = Math.max(finding.start, at);
    if (from > at) fragment.append(text.slice(at, from));
    fragment.append(element('mark', { className: `severity-${finding.severity}`, textContent: text.slice(from, finding.end) }));
    fragment.lastChild.dataset.at = finding.start;
    at = finding.end;
  }
  // A trailing newline needs a character after it to take up a line, as in the box.
  fragment.append(text.slice(at) + '\n');
  backdrop.replaceChildren(fragment);
  backdrop.scrollTop = draft.scrollTop;
}

// Counts characters as the checker does (code points), only when the length might be over.
function overLimit(text) {
  if (text.length <= LIMIT) return 0;
  const characters = text.length - (text.match(/[\uD800-\uDBFF]/g)?.length ?? 0);
  return characters > LIMIT ? characters : 0;
}

function verdictFor(text, active, aside, long) {
  const { author, channel } = context();
  if (coverage !== 'covered') {
    const who = coverage === 'author-not-covered' ? `posts by ${AUTHOR_WORDS[author]}` : `${AUTHOR_WORDS[author]} posting on ${CHANNEL_WORDS[channel]}`;
    return ['uncovered', 'Not covered by this policy', `${page.dataset.schoolName}'s policy does not cover ${who}, so there are no rules to check this against and nothing has been checked. Ask the school what applies.`];
  }
  if (long) {
    return ['long', 'Too long to check', `This post is ${long.toLocaleString('en-GB')} characters; the checker takes up to ${LIMIT.toLocaleString('en-GB')}. Nothing in it has been checked. Shorten it, or check it in parts.`];
  }
  if (active.some((f) => f.severity === 'must')) {
    return ['stop', "Don't post this", 'It breaks a rule in the policy. Change the parts marked below.'];
  }
  if (active.length > 0) {
    return ['think', 'Think again', "The policy advises against parts of this. If in doubt, don't post."];
  }
  if (text.trim() === '' && context().media.length === 0) {
    return ['empty', 'Nothing to check yet', 'Type or paste your post in the box.'];
  }
  const setAsideWords = aside.length ? ` You set aside ${aside.length === 1 ? 'one finding' : `${aside.length} findings`}.` : '';
  const also = asks.length ? ' The checker cannot see everything: answer the questions below too.' : ' Read it once more before you post.';
  return ['clear', 'Nothing found in the text', `${TONE_WORDS[tone]}${setAsideWords}${also}`];
}

// The list: one item per rule, each clause quoted once, each flagged word once with how often.
function renderList(text, active, aside) {
  const groups = new Map();
  for (const finding of active) {
    const group = groups.get(finding.rule) ?? { finding, words: new Map() };
    const words = finding.whole ? '' : text.slice(finding.start, finding.end);
    group.words.set(words, (group.words.get(words) ?? 0) + 1);
    groups.set(finding.rule, group);
  }
  const quoted = new Set();
  findingsList.replaceChildren(...[...groups.values()].map(({ finding, words }) => {
    const item = element('li', { className: `finding severity-${finding.severity}` });
    item.dataset.category = finding.category;
    item.dataset.rule = finding.rule;
    const what = element('ul', { className: 'finding-what' });
    for (const [flagged, count] of words) {
      if (!flagged || finding.whole) {
        const about = finding.whole ? 'About your post as a whole. ' : 'About the photo or video you are attaching. ';
        const row = element('li', {}, about);
        row.append(button('Set aside', () => tools?.askReason(row, finding.rule, flagged), 'set-aside-button'));
        what.append(row);
        continue;
      }
      const row = element('li', {}, 'In your post: ', element('q', { textContent: flagged }), count > 1 ? ` (${count} times) ` : ' ');
      // Each press shows the next place these words are flagged.
      let next = 0;
      row.append(button('Show in my post', () => {
        const places = shown.filter((f) => f.rule === finding.rule && !f.aside && draft.value.slice(f.start, f.end) === flagged);
        const place = places[next++ % places.length];
        if (place) {
          select(place.start, place.end);
          tools?.openCard(place);
        }
      }, 'show-in-text'), ' ', button('Set aside', () => tools?.askReason(row, finding.rule, flagged), 'set-aside-button'));
      what.append(row);
    }
    item.append(
      element('h3', { textContent: CATEGORY_NAMES[finding.category] ?? finding.category }),
      what,
      element('p', { className: 'finding-message', textContent: finding.message }),
      element('p', { className: 'finding-severity', textContent: SEVERITY_WORDS[finding.severity] ?? '' }),
      clauseQuote(finding.clause, quoted),
    );
    return item;
  }));
  tools?.renderAside(text, aside);
}

// "From the policy", with the clause quoted the first time it is cited in the list.
function clauseQuote(clauseId, quoted) {
  const wrapper = element('div', { className: 'finding-clause' }, 'From the policy: ', clauseLink(clauseId));
  if (quoted && quoted.has(clauseId)) {
    wrapper.append(' (quoted above)');
  } else if (clauses[clauseId]?.text) {
    wrapper.append(element('blockquote', { textContent: clauses[clauseId].text }));
    quoted?.add(clauseId);
  }
  return wrapper;
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

// Draws everything from the findings of every source.
function render() {
  const text = draft.value;
  const long = overLimit(text);
  shown = Object.values(sources).flat().sort((a, b) => a.start - b.start || b.end - a.end);
  for (const finding of shown) {
    finding.key = keyOf(finding.rule, text.slice(finding.start, finding.end));
    finding.aside = REASONS[setAside.get(finding.key)];
  }
  const active = shown.filter((f) => !f.aside);
  const aside = shown.filter((f) => f.aside);
  highlight(text, active);
  const key = [coverage, tone, ...shown.map((f) => `${f.rule}\u0000${text.slice(f.start, f.end)}\u0000${f.aside ?? ''}`)].join('\u0001');
  if (key !== listKey) {
    listKey = key;
    renderList(text, active, aside);
  }
  const [level, title, detail] = verdictFor(text, active, aside, long);
  if (verdict.dataset.level !== level || verdict.firstElementChild.textContent !== title) {
    verdict.dataset.level = level;
    badge.dataset.level = level;
    verdict.firstElementChild.textContent = title;
    badge.firstElementChild.textContent = title;
  }
  verdict.lastElementChild.textContent = detail;
  const count = active.length === 1 ? '1 thing to look at' : `${active.length} things to look at`;
  badge.lastElementChild.textContent = active.length ? `: ${count}` : '';
  announce(active.length === 0 ? title : `${title}: ${count}.`);
  tools?.countLength(text);
}

function run() {
  const started = performance.now();
  if (keepDraft.checked) store(KEY, draft.value);
  // Until the checker is ready the page says so (as written in the page); then it checks.
  if (!checker) return;
  const now = context();
  const key = JSON.stringify(now);
  if (key !== contextKey) {
    contextKey = key;
    coverage = checker.covers(now);
    asks = checker.asks(now);
    tools?.renderAsks();
  }
  const text = draft.value;
  try {
    // The words alone until the tone tier is loaded (checkTone is check until then).
    sources.rules = coverage === 'covered' && !overLimit(text)
      ? checker.checkTone(text, now).map((finding, index) => ({ ...finding, source: 'rules', index }))
      : [];
  } catch (error) {
    status.textContent = `The checker could not read that: ${error.message}`;
    return;
  }
  render();
  // One check and its rendering (tests/e2e/timing.mjs reads these); only the latest is kept.
  performance.clearMeasures('postwise:check');
  performance.measure('postwise:check', { start: started });
}

// ── Starting ──────────────────────────────────────────────────────────────────────────────

function showFieldsFor() {
  const author = field('author').value;
  page.querySelector('.age-field').hidden = author !== 'pupil';
  page.querySelector('.own-child-field').hidden = author !== 'parent';
  page.querySelector('.media-fields').hidden = !field('has-media').checked;
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
  bundle = await rules;
  clauses = bundle.clauses ?? {};
  checker = new glue.PostChecker(bundle);
  performance.measure('postwise:checker-ready', { start: started });
  status.textContent = '';
  // Whatever was typed or pasted while it loaded.
  run();
  try {
    const stylesheet = new Promise((resolve) => {
      document.head.append(element('link', { rel: 'stylesheet', href: page.dataset.toolsCss, onload: resolve, onerror: resolve }));
    });
    const [module] = await Promise.all([import(page.dataset.tools), stylesheet]);
    tools = module.install(api);
    // Again, with the questions and anything set aside, which the tools draw.
    contextKey = '';
    listKey = '';
    run();
  } catch {
    status.textContent = 'The cards and rewrites could not load. The checker still works.';
  }
  await loadTone(started);
  page.dataset.ready = 'true';
}

// The tone tier's model into the checker; the verdict says if it could not load.
async function loadTone(started) {
  try {
    const response = await fetch(page.dataset.toneModel);
    if (!response.ok) throw new Error(`status ${response.status}`);
    checker.loadTone(new Uint8Array(await response.arrayBuffer()));
    tone = 'ready';
    performance.measure('postwise:tone-ready', { start: started });
  } catch {
    tone = 'failed';
  }
  page.dataset.tone = tone;
  run();
}

function saveAside() {
  store(ASIDE_KEY, setAside.size ? JSON.stringify(Object.fromEntries(setAside)) : null);
}

// What check-tools.js reads and calls here; the state through getters, as it changes.
const api = {
  page, form, draft, backdrop, card: page.querySelector('.finding-card'), field, context, element, button, clauseLink,
  rangeRect, run, render, keyOf, saveAside, setAside, REASONS, CATEGORY_NAMES, SEVERITY_WORDS,
  get checker() { return checker; },
  get bundle() { return bundle; },
  get clauses() { return clauses; },
  get shown() { return shown; },
  get asks() { return asks; },
  get coverage() { return coverage; },
};

// Everything the page needs from JavaScript is here; without it the <noscript> text explains.
page.hidden = false;
form.addEventListener('submit', (event) => event.preventDefault());
form.addEventListener('input', (event) => {
  // The card's and the list's own controls, the questions and the platform change no finding.
  if (event.target.closest('.finding-card, .findings-list, .asks, .platform-field')) return;
  if (event.target !== draft) showFieldsFor();
  tools?.closeCard();
  run();
});
draft.addEventListener('scroll', () => {
  backdrop.scrollTop = draft.scrollTop;
});
keepDraft.addEventListener('change', () => store(KEY, keepDraft.checked ? draft.value : null));
form.querySelector('.clear-draft').addEventListener('click', () => {
  draft.value = '';
  store(KEY, null);
  tools?.closeCard();
  run();
  draft.focus();
});

const saved = stored(KEY);
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
showFieldsFor();

// Says why there is no checker, and where to read the rules instead; the form goes, since
// a box that checks nothing would look like a post with nothing wrong.
function unavailable(reason) {
  form.hidden = true;
  const policy = element('a', { href: page.dataset.policy, textContent: 'read the policy' });
  const rules = element('a', { href: 'rules.html', textContent: 'the rules the checker uses, with examples' });
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
