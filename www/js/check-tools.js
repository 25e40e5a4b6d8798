// The "Check a post" page's tools, fetched once the checker is ready (check.js, step 4): the
// questions the policy asks that no text shows; a finding's card beside its underline, with
// its rewrites; setting a finding aside with a reason, and the list of those set aside; the
// platform counter (its own small WebAssembly package, fetched when a platform is picked);
// printing and copying the check. None of it is needed to check a post, so none of it is in
// the page's first download. Its WebAssembly (postwise_tools.js: rewrites, and counting as a
// platform does) is fetched the first time a card opens or a platform is picked.

export function install(api) {
  const { page, form, draft, backdrop, card, element, button, clauseLink } = api;
  const platform = api.field('platform');
  const postLength = page.querySelector('.post-length');
  const copied = page.querySelector('.copied');
  const asksSection = page.querySelector('.asks');
  const asideSection = page.querySelector('.set-aside');
  const answered = new Set();
  let cardFor = null;
  let byHover = false;
  let hoverTimer = 0;
  let wasm = null;

  // The tools' WebAssembly, fetched once, when first needed.
  function toolsPackage() {
    wasm ??= import(page.dataset.toolsGlue).then(async (glue) => {
      await glue.default({ module_or_path: page.dataset.toolsWasm });
      return glue;
    });
    return wasm;
  }

  // ── The questions, and what was set aside ───────────────────────────────────────────────

  // What the policy asks of this writer here that no checker can see, each with its clause;
  // ticked as done, in memory only (a printed or copied check shows which).
  function renderAsks() {
    asksSection.hidden = api.asks.length === 0 || api.coverage !== 'covered';
    asksSection.querySelector('ul').replaceChildren(...api.asks.map((ask) => {
      const box = element('input', { type: 'checkbox', id: `ask-${ask.id}`, checked: answered.has(ask.id) });
      box.addEventListener('change', () => (box.checked ? answered.add(ask.id) : answered.delete(ask.id)));
      const more = element('p', { className: 'ask-more' });
      if (ask.hint) more.append(`${ask.hint} `);
      more.append(clauseLink(ask.clause));
      return element('li', { className: `ask severity-${ask.severity}` },
        element('div', { className: 'choice' }, box, element('label', { htmlFor: box.id, textContent: ask.question })), more);
    }));
  }

  function renderAside(text, aside) {
    asideSection.querySelector('ul').replaceChildren(...aside.map((finding) => element('li', { className: 'aside' },
      element('del', { textContent: text.slice(finding.start, finding.end) || 'The photo or video' }),
      ` (${api.CATEGORY_NAMES[finding.category]}): ${finding.aside}. `,
      button('Put it back', () => {
        api.setAside.delete(finding.key);
        api.saveAside();
        api.render();
        draft.focus();
      }, 'restore'))));
    asideSection.hidden = aside.length === 0;
  }

  // ── A finding's card ────────────────────────────────────────────────────────────────────

  function closeCard() {
    card.hidden = true;
    cardFor = null;
  }

  // A card a mouse opened closes when the mouse leaves it and the words, unless it has focus.
  function leaveCard() {
    clearTimeout(hoverTimer);
    if (byHover) hoverTimer = setTimeout(() => card.matches(':hover, :focus-within') || closeCard(), 300);
  }

  // The rewrites to offer for a finding: the core's candidates, each tried on the draft with
  // the checker, offered only if the finding goes and nothing new is found (`clears`). Also
  // whether there were any to try: none means the finding is about what the post says.
  async function safeRewrites(finding) {
    const tools = await toolsPackage();
    const text = draft.value;
    const context = api.context();
    const rule = api.bundle.rules.find((r) => r.id === finding.rule);
    const words = (t, findings) => findings.map((f) => [f.rule, t.slice(f.start, f.end)]);
    const before = words(text, api.checker.check(text, context));
    const flagged = text.slice(finding.start, finding.end);
    const candidates = tools.rewrites(text, finding.start, finding.end, rule.detect.kind, api.bundle.school.pupils);
    return [candidates.length, candidates.filter((rewrite) => {
      const rewritten = text.slice(0, rewrite.start) + rewrite.text + text.slice(rewrite.end);
      return tools.clears(before, words(rewritten, api.checker.check(rewritten, context)), finding.rule, flagged);
    })];
  }

  // The card for a finding beside its underline: what, why, the clause, a rewrite or why
  // there is none, and setting it aside. It follows the box in the page, so Tab reaches it.
  function openCard(finding, hovered = false) {
    const text = draft.value;
    cardFor = finding;
    byHover = hovered;
    const flagged = text.slice(finding.start, finding.end);
    const fix = element('div', { className: 'card-fix' });
    const aside = element('div', { className: 'card-aside' });
    aside.append(button('Set aside', () => askReason(aside, finding.rule, flagged), 'set-aside-button'));
    card.replaceChildren(
      element('p', { className: 'card-title', id: 'card-title', textContent: api.CATEGORY_NAMES[finding.category] ?? finding.category }),
      element('p', {}, 'In your post: ', element('q', { textContent: flagged })),
      element('p', { className: 'finding-message', textContent: finding.message }),
      element('p', { className: 'finding-severity', textContent: api.SEVERITY_WORDS[finding.severity] ?? '' }),
      element('p', { className: 'card-clause' }, 'From the policy: ', clauseLink(finding.clause)),
      fix,
      aside,
      button('Close', () => {
        closeCard();
        draft.focus();
      }, 'card-close'),
    );
    card.dataset.severity = finding.severity;
    card.hidden = false;
    placeCard(finding);
    (finding.source === 'rules' ? safeRewrites(finding) : Promise.resolve([0, []])).catch(() => [-1, []]).then(([tried, rewrites]) => {
      if (cardFor !== finding) return;
      for (const rewrite of rewrites) {
        const words = rewrite.text || text.slice(rewrite.start, rewrite.end).trim();
        const use = button('Use this', () => useRewrite(rewrite), 'use-rewrite');
        use.append(element('span', { className: 'visually-hidden', textContent: `: ${rewrite.label.toLowerCase()}` }));
        fix.append(element('p', {}, `${rewrite.label}: `, element(rewrite.text ? 'ins' : 'del', { textContent: words }), ' ', use));
        if (rewrite.note) fix.append(element('p', { className: 'hint', textContent: rewrite.note }));
      }
      if (rewrites.length === 0) {
        const none = [
          'The suggestions could not load in this browser. Change it in your own words.',
          "No suggested words for this: it is about what the post says. Change it in your own words, or don't post it.",
          'No rewrite that the checker is happy with here: change it in your own words.',
        ];
        fix.append(element('p', { className: 'hint', textContent: none[Math.sign(tried) + 1] }));
      }
      fix.dataset.ready = 'true';
      placeCard(finding);
    });
  }

  // Below the underlined words, inside the editor's width.
  function placeCard(finding) {
    const words = api.rangeRect(finding.start, Math.max(finding.end, finding.start + 1));
    const editor = card.parentElement.getBoundingClientRect();
    if (!words) return;
    const top = Math.min(Math.max(words.bottom, editor.top), editor.bottom) - editor.top + 6;
    card.style.setProperty('--card-top', `${top}px`);
    card.style.setProperty('--card-left', `${Math.max(0, Math.min(words.left - editor.left, editor.width - card.offsetWidth))}px`);
  }

  function useRewrite(rewrite) {
    closeCard();
    draft.focus();
    draft.setSelectionRange(rewrite.start, rewrite.end);
    // Through the browser's editing, so Undo puts the words back.
    if (!document.execCommand(rewrite.text ? 'insertText' : 'delete', false, rewrite.text)) {
      draft.setRangeText(rewrite.text, rewrite.start, rewrite.end, 'end');
      api.run();
    }
  }

  // The reasons to choose from, in place of the "Set aside" button.
  function askReason(where, rule, flagged) {
    const choice = element('select', { className: 'reason' }, ...api.REASONS.map((words, i) => element('option', { value: i, textContent: words })));
    const label = element('label', { textContent: 'Why is it not a problem? ' }, choice);
    const kept = [...where.querySelectorAll(':scope > .set-aside-button')];
    const controls = element('div', { className: 'reason-form' }, label,
      button('Set it aside', () => {
        api.setAside.set(api.keyOf(rule, flagged), Number(choice.value));
        api.saveAside();
        closeCard();
        api.render();
        draft.focus();
      }, 'confirm-aside'),
      button('Cancel', () => controls.replaceWith(...kept)));
    kept[0]?.replaceWith(controls);
    choice.focus();
  }

  // The finding whose words hold the caret, if it moved there (not while typing).
  function cardAtCaret() {
    const at = draft.selectionStart;
    const finding = api.shown.find((f) => !f.aside && f.start <= at && at <= f.end && f.end > f.start);
    if (finding) openCard(finding);
    else closeCard();
  }

  draft.addEventListener('scroll', () => cardFor && placeCard(cardFor));
  // The caret moved into underlined words: by a click, a tap or the arrow keys.
  draft.addEventListener('click', cardAtCaret);
  draft.addEventListener('keyup', (event) => {
    if (/^(Arrow|Home|End|Page)/.test(event.key)) cardAtCaret();
  });
  // A mouse resting on underlined words: hit-tested against the highlight layer's marks.
  draft.addEventListener('pointermove', (event) => {
    if (event.pointerType !== 'mouse') return;
    clearTimeout(hoverTimer);
    const mark = [...backdrop.querySelectorAll('mark')].find((m) => [...m.getClientRects()].some((r) =>
      event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom));
    const finding = mark && api.shown.find((f) => !f.aside && f.start === Number(mark.dataset.at));
    if (finding && finding === cardFor) return;
    if (finding) hoverTimer = setTimeout(() => openCard(finding, true), 250);
    else leaveCard();
  });
  draft.addEventListener('pointerleave', leaveCard);
  card.addEventListener('pointerleave', leaveCard);
  page.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !card.hidden) {
      closeCard();
      draft.focus();
    }
  });

  // ── The platform counter ────────────────────────────────────────────────────────────────

  async function countLength(text) {
    const option = platform?.selectedOptions[0];
    if (!option?.value) {
      if (postLength) postLength.textContent = '';
      return;
    }
    let count;
    try {
      count = (await toolsPackage()).postLength;
    } catch {
      postLength.textContent = 'This browser cannot count for that app.';
      return;
    }
    // The draft as it is now: it may have changed while the package came.
    const characters = count(draft.value, option.dataset.counting);
    const limit = Number(option.dataset.limit);
    const over = characters - limit;
    const number = (n) => n.toLocaleString('en-GB');
    postLength.textContent = `${number(characters)} ${characters === 1 ? 'character' : 'characters'}; ${option.textContent} allows ${number(limit)}${over > 0 ? `: ${number(over)} too many.` : '.'}`;
    postLength.classList.toggle('over', over > 0);
  }

  // The school's one official platform, picked when posting on the school's account.
  function pickOfficialPlatform() {
    const official = platform?.dataset.official.trim().split(' ');
    if (platform && !platform.dataset.touched && api.field('channel').value === 'school' && official.length === 1) {
      platform.value = official[0];
    }
  }

  platform?.addEventListener('input', () => {
    platform.dataset.touched = 'true';
  });
  form.addEventListener('change', (event) => {
    if (event.target.name === 'channel') pickOfficialPlatform();
    countLength(draft.value);
  });

  // ── The check, printed or copied ────────────────────────────────────────────────────────

  function contextLine() {
    const { author, channel } = api.context();
    const where = form.querySelector(`label[for="channel-${channel}"]`).textContent;
    const who = form.querySelector(`label[for="author-${author}"]`).textContent;
    const app = platform?.value ? `, for ${platform.selectedOptions[0].textContent}` : '';
    return `${who}, on: ${where}${app}. Checked on ${new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}.`;
  }

  function resultText() {
    const text = draft.value;
    const verdict = page.querySelector('.verdict');
    const label = (clause) => api.clauses[clause]?.label ?? clause;
    const words = (f) => text.slice(f.start, f.end) || 'the photo or video';
    const lines = [`Postwise check for ${page.dataset.schoolName}`, contextLine(), '', 'The post:', text, '',
      `${verdict.firstElementChild.textContent}. ${verdict.lastElementChild.textContent}`];
    const active = api.shown.filter((f) => !f.aside);
    const aside = api.shown.filter((f) => f.aside);
    if (active.length) lines.push('', 'What the checker found:');
    for (const f of active) lines.push(`- ${api.CATEGORY_NAMES[f.category]}: "${words(f)}". ${f.message} (${label(f.clause)})`);
    if (aside.length) lines.push('', 'Set aside:');
    for (const f of aside) lines.push(`- "${words(f)}" (${api.CATEGORY_NAMES[f.category]}): ${f.aside}.`);
    if (!asksSection.hidden) {
      lines.push('', 'Before you post, also check:');
      for (const ask of api.asks) lines.push(`[${answered.has(ask.id) ? 'x' : ' '}] ${ask.question} (${label(ask.clause)})`);
    }
    return `${lines.join('\n')}\n`;
  }

  async function copy(text, what) {
    try {
      await navigator.clipboard.writeText(text);
      copied.textContent = `${what} copied.`;
    } catch {
      copied.textContent = 'This browser would not copy. Select the text and copy it yourself.';
    }
  }

  page.querySelector('.copy-post').addEventListener('click', () => copy(draft.value, 'The post'));
  page.querySelector('.copy-result').addEventListener('click', () => copy(resultText(), 'The check'));
  page.querySelector('.print-result').addEventListener('click', () => window.print());
  window.addEventListener('beforeprint', () => {
    page.querySelector('.print-context').textContent = contextLine();
    page.querySelector('.print-text').textContent = draft.value;
  });

  pickOfficialPlatform();
  return { openCard, closeCard, askReason, countLength, renderAsks, renderAside };
}
