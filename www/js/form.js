// The forms ("Read and sign") and the verify page. The page's HTML is the whole form, so it
// reads and prints without this script; with it:
//
// 1. the WebAssembly core checks the answers (the same checks as `postwise lint` uses) and
//    makes the signed record: the answers, the exact statements, the policy version, the time
//    and a SHA-256 digest (crate/src/form/RECORD.md);
// 2. a half-filled form is kept in this browser's storage, unless the person unticks "Keep my
//    answers" (a shared computer), and leaving with answers that are not kept asks first;
// 3. errors are shown GOV.UK-style: a summary at the top linking to each field, and each
//    message beside its field, in words;
// 4. "Check your answers" (GOV.UK's pattern) shows what the record will say, with a Change
//    link a row, before the person signs;
// 5. the record can be downloaded, printed or put into an e-mail to the school's address; once
//    it is made, nothing of the form is kept on the device (and leaving the page clears it);
// 6. on the verify page, a record file is examined in the same WebAssembly core, which says
//    three things apart: its digest, its content against the form, the school's receipt.
// Nothing is sent anywhere: the only requests are for the site's own files.

const formEl = document.querySelector('form[data-form]');
const verifyEl = document.querySelector('form[data-verify]');

async function loadCore(el) {
  const glue = await import(el.dataset.glue);
  await glue.default({ module_or_path: el.dataset.wasm });
  return glue;
}

function element(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

// ── Storage: may be switched off or full; the form works without it. ─────────────────────

function storageGet(key) {
  try { return localStorage.getItem(key); } catch { return null; }
}

function storageSet(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

// A statement as the person read it, with its lead: "I will not: use private groups …" (the
// same words as the core's statement_quote, crate/src/form/validate.rs).
function statementQuote(lead, label) {
  if (!lead || !lead.trim()) return label;
  const first = label.charAt(0);
  const second = label.charAt(1);
  const lowered = /[A-Z]/.test(first) && second && second !== second.toUpperCase()
    ? first.toLowerCase() + label.slice(1) : label;
  return `${lead.trim().replace(/:$/, '')}: ${lowered}`;
}

// What a record's answer says, in words (and the drawing, for a signature).
function answerText(answer) {
  const a = answer.answer;
  if (answer.type === 'statement') return [a ? 'Agreed' : 'Not agreed'];
  if (Array.isArray(a)) return [a.length ? a.join('; ') : 'None selected'];
  if (a && typeof a === 'object') {
    const out = [a.name || '(not signed)'];
    if (a.drawing) out.push(drawingSvg(a.drawing));
    return out;
  }
  return [a === '' ? 'Not answered' : a];
}

// The question as the record shows it: a statement with its lead.
function answerLabel(answer) {
  return answer.type === 'statement' ? statementQuote(answer.lead, answer.label) : answer.label;
}

// "If you answer Yes: tell the DSL now", as the record keeps it.
function tellNotes(answer) {
  return (answer.tell ?? []).map((t) => element('p', { class: 'record-tell' }, element('strong', {}, `Tell the ${t.role} now. `), t.note));
}

// ── The form page ─────────────────────────────────────────────────────────────────────────

async function startForm(form) {
  const { school, formId } = form.dataset;
  const storageKey = `postwise:form:${school}:${formId}`;
  const keepKey = 'postwise:form-keep';
  const status = form.querySelector('.form-status');
  const summary = document.querySelector('.error-summary');
  const recordSection = document.querySelector('.record');
  const checkSection = document.querySelector('.check-answers');
  const keep = form.elements.namedItem('keep-answers');
  const pageTitle = document.title;
  let spec = null;
  let filler = null;
  let dirty = false;
  // Once the record is made, nothing of the form stays on the device.
  let finished = false;

  const glue = await loadCore(form);
  const response = await fetch(form.dataset.formJson);
  if (!response.ok) throw new Error(`cannot load ${form.dataset.formJson}: ${response.status}`);
  const specText = await response.text();
  spec = JSON.parse(specText);
  filler = new glue.FormFiller(specText);
  const onlineFields = spec.sections.filter((s) => s.online).flatMap((s) => s.fields);

  // Signature pads: a canvas to draw on, its path kept in a hidden input so it is stored and
  // restored with everything else.
  for (const pad of form.querySelectorAll('[data-signature]')) setUpSignaturePad(pad, () => changed());

  // Every control's state, by name: what is stored, and restored after a reload.
  function snapshot() {
    const state = {};
    for (const control of form.elements) {
      if (!control.name || control.name === 'keep-answers') continue;
      if (control.type === 'checkbox') {
        state[control.name] ??= [];
        if (control.checked) state[control.name].push(control.value);
      } else if (control.type === 'radio') {
        state[control.name] ??= '';
        if (control.checked) state[control.name] = control.value;
      } else if (control.tagName !== 'BUTTON') {
        state[control.name] = control.value;
      }
    }
    return state;
  }

  function restore(state) {
    for (const control of form.elements) {
      if (!control.name || !(control.name in state) || control.name === 'keep-answers') continue;
      const value = state[control.name];
      if (control.type === 'checkbox') control.checked = Array.isArray(value) && value.includes(control.value);
      else if (control.type === 'radio') control.checked = control.value === value;
      else if (control.tagName !== 'BUTTON' && typeof value === 'string') control.value = value;
    }
    for (const pad of form.querySelectorAll('[data-signature]')) pad.redraw?.();
  }

  function value(name) {
    const control = form.elements.namedItem(name);
    return control && 'value' in control ? control.value : '';
  }

  // The answers as the core reads them (crate/src/form/answer.rs).
  function answers() {
    const result = {};
    for (const field of onlineFields) {
      const { id } = field;
      if (field.type === 'statement') {
        result[id] = form.elements.namedItem(id).checked;
      } else if (field.type === 'choice' && field.multiple) {
        result[id] = [...form.querySelectorAll(`input[name="${id}"]:checked`)].map((c) => c.value);
      } else if (field.type === 'choice') {
        result[id] = form.querySelector(`input[name="${id}"]:checked`)?.value ?? '';
      } else if (field.type === 'date') {
        const parts = [value(`${id}-year`), value(`${id}-month`), value(id + '-day')];
        result[id] = parts.every((p) => p.trim() === '') ? '' : parts.join('-');
      } else if (field.type === 'signature') {
        const drawing = value(`${id}-drawing`);
        result[id] = drawing ? { name: value(id), drawing } : { name: value(id) };
      } else {
        result[id] = value(id);
      }
    }
    return result;
  }

  function save() {
    if (!keep.checked || finished) return;
    if (!storageSet(storageKey, JSON.stringify(snapshot()))) {
      status.textContent = 'This browser will not keep your answers. Finish the form before you leave the page.';
    }
  }

  function changed() {
    dirty = true;
    finished = false;
    save();
  }

  // The "If you answer Yes: tell the DSL now" panels show under the answer that needs them.
  function showTells() {
    for (const panel of form.querySelectorAll('[data-tell-field]')) {
      const chosen = form.querySelector(`input[name="${panel.dataset.tellField}"]:checked`);
      panel.hidden = chosen?.value !== panel.dataset.tellValue;
    }
  }

  // ── Errors ──
  function clearErrors() {
    summary.hidden = true;
    summary.querySelector('ul').replaceChildren();
    for (const el of form.querySelectorAll('.field-error')) el.classList.remove('field-error');
    for (const el of form.querySelectorAll('.error-message')) { el.hidden = true; el.replaceChildren(); }
    for (const el of form.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((i) => i && !i.endsWith('-error'));
      if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
      else el.removeAttribute('aria-describedby');
    }
    document.title = pageTitle;
  }

  function showErrors(errors) {
    clearErrors();
    const list = summary.querySelector('ul');
    for (const { field, message } of errors) {
      const control = document.getElementById(`f-${field}`);
      const container = document.getElementById(`field-${field}`);
      const errorEl = document.getElementById(`f-${field}-error`);
      const link = element('a', { href: `#f-${field}` }, message);
      link.addEventListener('click', (event) => {
        event.preventDefault();
        (container ?? control)?.scrollIntoView({ block: 'start' });
        control?.focus({ preventScroll: true });
      });
      list.append(element('li', {}, link));
      container?.classList.add('field-error');
      if (errorEl) {
        errorEl.replaceChildren(element('span', { class: 'visually-hidden' }, 'Error: '), message);
        errorEl.hidden = false;
      }
      // The message is read with the control: on the control itself, or on its group.
      const described = container?.querySelector('fieldset') ?? control;
      if (described) {
        const ids = (described.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
        described.setAttribute('aria-describedby', [...ids, `f-${field}-error`].join(' '));
      }
      control?.setAttribute('aria-invalid', 'true');
    }
    summary.hidden = false;
    document.title = `Error: ${pageTitle}`;
    summary.focus();
  }

  // ── The record ──
  function showRecord(record) {
    const body = recordSection.querySelector('.record-body');
    const facts = element('dl', {},
      element('dt', {}, 'School'), element('dd', {}, record.school.name),
      element('dt', {}, 'Form'), element('dd', {}, `${record.form.title} (clause ${record.form.clause})`),
      element('dt', {}, 'Policy'), element('dd', {}, `${record.policy.title}, version ${record.policy.version}${record.policy.reviewed ? `, reviewed ${record.policy.reviewed}` : ''}`),
      element('dt', {}, 'Submitted'), element('dd', {}, `${new Date(record.submitted_at).toLocaleString('en-GB')} (${record.submitted_at})`),
      element('dt', {}, 'Digest'), element('dd', { class: 'record-digest' }, record.digest));
    const parts = [element('h3', {}, 'About this record'), facts];
    let section = null;
    let list = null;
    for (const answer of record.answers) {
      if (answer.section !== section) {
        parts.push(element('h3', {}, answer.section));
        section = answer.section;
        list = element('dl');
        parts.push(list);
      }
      list.append(element('dt', {}, answerLabel(answer)), element('dd', {}, ...answerText(answer), ...tellNotes(answer)));
    }
    for (const later of spec.sections.filter((s) => !s.online)) {
      parts.push(element('h3', {}, later.title), element('p', {}, `To be completed by the ${later.filled_by}.`));
      const writeIn = element('dl', { class: 'write-in' });
      for (const field of later.fields) writeIn.append(element('dt', {}, field.label), element('dd'));
      parts.push(writeIn);
    }
    body.replaceChildren(...parts);

    const json = `${JSON.stringify(record, null, 2)}\n`;
    const download = recordSection.querySelector('.download-record');
    if (download.href.startsWith('blob:')) URL.revokeObjectURL(download.href);
    download.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    download.download = `${record.school.id}-${record.form.id}-${record.submitted_at.slice(0, 10)}.json`;
    // The school's own address, when school.toml gives one; without it there is no button.
    const email = recordSection.querySelector('.email-record');
    if (email && form.dataset.contactEmail) {
      const subject = `${record.form.title}: signed record`;
      const text = `${subject}\n\nSubmitted ${record.submitted_at}, policy version ${record.policy.version}.\nDigest: ${record.digest}\n\nThe record (keep it exactly as it is, to check it on the school's verify page):\n\n${json}`;
      email.href = `mailto:${encodeURIComponent(form.dataset.contactEmail).replace('%40', '@')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;
    }

    form.hidden = true;
    checkSection.hidden = true;
    document.body.classList.add('showing-record');
    recordSection.hidden = false;
    recordSection.focus();
    dirty = false;
    finished = true;
    // A finished form keeps nothing: the answers kept while filling it go now.
    storageSet(storageKey, null);
  }

  // ── Check your answers ──
  function showCheck(record) {
    const rows = record.answers.map((answer) => {
      const change = element('a', { href: `#f-${answer.field}`, class: 'change-answer' }, 'Change', element('span', { class: 'visually-hidden' }, ` ${answerLabel(answer)}`));
      change.addEventListener('click', (event) => {
        event.preventDefault();
        backToForm(answer.field);
      });
      return element('div', { class: 'summary-row' },
        element('dt', {}, answerLabel(answer)),
        element('dd', {}, ...answerText(answer), ...tellNotes(answer)),
        element('dd', {}, change));
    });
    checkSection.querySelector('.check-answers-body').replaceChildren(element('dl', { class: 'summary-list' }, ...rows));
    form.hidden = true;
    checkSection.hidden = false;
    checkSection.focus();
  }

  function backToForm(field) {
    checkSection.hidden = true;
    recordSection.hidden = true;
    document.body.classList.remove('showing-record');
    form.hidden = false;
    const control = field ? document.getElementById(`f-${field}`) : form.querySelector('input, textarea');
    (document.getElementById(`field-${field}`) ?? control)?.scrollIntoView({ block: 'start' });
    control?.focus({ preventScroll: true });
  }

  function now() {
    return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  }

  // ── Events ──
  form.addEventListener('input', changed);
  form.addEventListener('change', (event) => {
    if (event.target === keep) {
      storageSet(keepKey, keep.checked ? null : 'no');
      if (keep.checked) save();
      else storageSet(storageKey, null);
      return;
    }
    showTells();
    changed();
  });
  // Continue: the answers are checked, then shown to check before signing.
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const outcome = JSON.parse(filler.record(JSON.stringify(answers()), now()));
    if (outcome.errors.length) showErrors(outcome.errors);
    else { clearErrors(); showCheck(outcome.record); }
  });
  // Sign: the record is made again, at the time of signing.
  checkSection.querySelector('.confirm-record').addEventListener('click', () => {
    const outcome = JSON.parse(filler.record(JSON.stringify(answers()), now()));
    if (outcome.errors.length) {
      backToForm();
      showErrors(outcome.errors);
    } else {
      showRecord(outcome.record);
    }
  });
  checkSection.querySelector('.back-to-form').addEventListener('click', () => backToForm());
  form.querySelector('.clear-form').addEventListener('click', () => {
    if (!window.confirm('Clear every answer on this form?')) return;
    form.reset();
    keep.checked = storageGet(keepKey) !== 'no';
    for (const pad of form.querySelectorAll('[data-signature]')) pad.redraw?.();
    storageSet(storageKey, null);
    clearErrors();
    showTells();
    dirty = false;
  });
  recordSection.querySelector('.print-record').addEventListener('click', () => window.print());
  recordSection.querySelector('.edit-answers').addEventListener('click', () => backToForm());
  // Leaving a finished form: clear it, so the browser's back button does not bring the answers
  // and the record back for the next person at this computer.
  window.addEventListener('pagehide', () => {
    if (!finished) return;
    form.reset();
    for (const pad of form.querySelectorAll('[data-signature]')) pad.redraw?.();
    recordSection.querySelector('.record-body').replaceChildren();
    checkSection.querySelector('.check-answers-body').replaceChildren();
    const download = recordSection.querySelector('.download-record');
    if (download.href.startsWith('blob:')) URL.revokeObjectURL(download.href);
    download.href = '#';
    recordSection.hidden = true;
    form.hidden = false;
  });
  // Answers that are not kept on this device would be lost: ask before leaving.
  window.addEventListener('beforeunload', (event) => {
    if (dirty && !keep.checked) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  keep.checked = storageGet(keepKey) !== 'no';
  const stored = keep.checked ? storageGet(storageKey) : null;
  if (stored) {
    try {
      restore(JSON.parse(stored));
      status.textContent = 'Your answers from before are back. Carry on where you left off.';
    } catch {
      storageSet(storageKey, null);
    }
  }
  showTells();
  form.querySelector('.form-actions').hidden = false;
  form.dataset.ready = 'true';
}

// A canvas to sign on with a finger, pen or mouse, drawn as SVG path data in a 300 by 100 box.
function setUpSignaturePad(pad, onChange) {
  const id = pad.dataset.signature;
  const input = element('input', { type: 'hidden', name: `${id}-drawing` });
  const canvas = element('canvas', { width: '600', height: '200', role: 'img', 'aria-label': 'Your drawn signature' });
  const clear = element('button', { type: 'button', class: 'button-secondary' }, 'Clear the drawing');
  pad.append(element('p', { class: 'hint' }, 'You can also draw your signature in the box (optional). Your typed name is enough.'), canvas, clear, input);
  pad.hidden = false;
  const context = canvas.getContext('2d');
  const round = (n) => Math.round(n * 10) / 10;
  const point = (event) => {
    const box = canvas.getBoundingClientRect();
    return [round(((event.clientX - box.left) / box.width) * 300), round(((event.clientY - box.top) / box.height) * 100)];
  };
  function redraw() {
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.lineWidth = 4;
    context.lineCap = 'round';
    context.strokeStyle = getComputedStyle(pad).color;
    context.stroke(new Path2D(scalePath(input.value, 2)));
  }
  pad.redraw = redraw;
  let drawing = false;
  canvas.addEventListener('pointerdown', (event) => {
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    const [x, y] = point(event);
    input.value += `${input.value ? ' ' : ''}M${x} ${y}L${x} ${y}`;
    redraw();
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!drawing) return;
    const [x, y] = point(event);
    input.value += `L${x} ${y}`;
    redraw();
  });
  const stop = () => {
    if (drawing) onChange();
    drawing = false;
  };
  canvas.addEventListener('pointerup', stop);
  canvas.addEventListener('pointercancel', stop);
  clear.addEventListener('click', () => {
    input.value = '';
    redraw();
    onChange();
  });
}

function scalePath(path, factor) {
  return path.replace(/-?\d+(\.\d+)?/g, (n) => String(Number(n) * factor));
}

function drawingSvg(path) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 300 100');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Drawn signature');
  const line = document.createElementNS(ns, 'path');
  line.setAttribute('d', path);
  svg.append(line);
  return svg;
}

// ── The verify page ───────────────────────────────────────────────────────────────────────

async function startVerify(form) {
  const glue = await loadCore(form);
  const result = document.querySelector('.verify-result');
  const input = form.elements.namedItem('record-file');
  const errorEl = document.getElementById('record-file-error');
  const container = document.getElementById('field-record-file');

  function fieldError(message) {
    container.classList.toggle('field-error', Boolean(message));
    errorEl.hidden = !message;
    errorEl.replaceChildren(...(message ? [element('span', { class: 'visually-hidden' }, 'Error: '), message] : []));
    if (message) input.setAttribute('aria-describedby', 'record-file-hint record-file-error');
    else input.setAttribute('aria-describedby', 'record-file-hint');
  }

  // The school's published keys and forms (from the page), to examine records against.
  const keysJson = form.dataset.keys;
  const formFiles = JSON.parse(form.dataset.forms);
  const schoolName = form.dataset.schoolName;

  function show(level, heading, about, facts) {
    result.className = `verify-result verify-${level}`;
    const items = facts.map(({ state, title, lines }) => element('li', { class: `fact-${state}` },
      element('h3', {}, title), ...lines.map((line) => element('p', {}, line))));
    result.replaceChildren(element('h2', {}, heading), ...(about ? [element('p', {}, about)] : []),
      ...(items.length ? [element('ol', { class: 'verify-facts' }, ...items)] : []));
    result.focus();
  }

  // The form a record names, as this site defines it: only this school's, by a known id.
  async function formFor(parsed) {
    const id = parsed?.form?.id;
    if (parsed?.school?.id !== form.dataset.school || typeof id !== 'string' || !Object.hasOwn(formFiles, id)) return null;
    const response = await fetch(formFiles[id]);
    return response.ok ? response.text() : null;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (!file) {
      fieldError('Choose a record file');
      input.focus();
      return;
    }
    fieldError('');
    const text = await file.text();
    let parsed;
    let found;
    try {
      parsed = JSON.parse(text);
      found = JSON.parse(glue.examineRecord(text, await formFor(parsed), keysJson));
    } catch (error) {
      show('bad', 'This is not a record', `“${file.name}” is not a record made by a form on this site, so it cannot be checked: ${error.message ?? error}.`, []);
      return;
    }
    if (!found.known_format) {
      show('bad', 'This record cannot be checked', `It is in a format (${parsed.format}) that this site does not make.`, []);
      return;
    }
    const school = parsed.school ?? {};
    const otherSchool = school.id !== form.dataset.school;
    const about = `“${parsed.form?.title}” for ${school.name}, submitted ${parsed.submitted_at}.`;
    const digest = found.digest_matches
      ? { state: 'yes', title: '1. Nothing has changed by accident: yes', lines: [`It matches its digest: nothing in it has changed since it was made, unless someone worked the digest out again. Digest: ${parsed.digest}`] }
      : { state: 'no', title: '1. Nothing has changed by accident: no', lines: ['It does not match its digest: something in it has changed since it was made.', `Digest in the file: ${parsed.digest}`, `Digest of the file as it is now: ${found.computed_digest}`] };
    const c = found.content;
    const content = otherSchool
      ? { state: 'unknown', title: '2. Made by the school\'s form: not known here', lines: [`It is a record for ${school.name}. This page checks ${schoolName}'s records: use ${school.name}'s own verify page.`] }
      : c.result === 'matches'
        ? { state: 'yes', title: '2. Made by the school\'s form: yes', lines: [`It is exactly what the form “${parsed.form.title}” makes from its answers at version ${parsed.policy.version} of the policy, the current version: the same questions, the exact words of every statement, and a real time.`] }
        : c.result === 'differs'
          ? { state: 'no', title: '2. Made by the school\'s form: no', lines: [`It is not what the school's form makes: ${c.reason}.`] }
          : c.result === 'unknown-version'
            ? { state: 'unknown', title: '2. Made by the school\'s form: not known', lines: [`It was made under version ${c.version} of the policy, which this site no longer has (the current version is ${c.known}), so its words cannot be checked here. Ask the person to sign the current form again.`] }
            : { state: 'unknown', title: '2. Made by the school\'s form: not known', lines: [`This site has no form “${parsed.form?.id}” for ${schoolName}, so its words cannot be checked.`] };
    const r = found.receipt;
    const receipt = otherSchool
      ? { state: 'unknown', title: '3. Received by the school: not known here', lines: [`Only ${school.name}'s own verify page knows its keys.`] }
      : r.result === 'valid'
      ? { state: 'yes', title: '3. Received by the school: yes', lines: [`The school countersigned it when it received it, at ${r.received_at}, with its key ${r.key}, in use that day. No one has changed it since the school received it.`] }
      : r.result === 'none'
        ? { state: 'no', title: '3. Received by the school: not shown', lines: ['It has no receipt from the school. Until the school office countersigns it, nothing shows who made it: anyone could have written it, or changed it and worked its digest out again.'] }
        : { state: 'no', title: '3. Received by the school: no', lines: [`${r.reason}.`] };
    const facts = [digest, content, receipt];
    // Green only when the school has received it and all three hold.
    const failedFact = facts.some((f) => f.state === 'no' && f !== receipt) || (r.result === 'invalid' && !otherSchool);
    if (otherSchool && found.digest_matches) {
      show('note', `A record for another school: ${school.name}`, about, facts);
    } else if (facts.every((f) => f.state === 'yes')) {
      show('ok', 'Received by the school, and unchanged since', about, facts);
    } else if (!found.digest_matches) {
      show('bad', 'This record has been changed', about, facts);
    } else if (failedFact) {
      show('bad', c.result === 'differs' ? 'This record is not what the school\'s form makes' : 'The school\'s receipt on this record does not hold', about, facts);
    } else if (r.result === 'none') {
      show('note', 'Not received by the school yet', about, facts);
    } else {
      show('note', 'Received by the school, but its words cannot be checked here', about, facts);
    }
  });
  form.hidden = false;
  form.dataset.ready = 'true';
}

function failed(where, error) {
  const note = element('div', { class: 'notice', role: 'note' },
    element('p', {}, element('strong', {}, 'This page could not start in this browser.'), ' You can print it and fill it in by hand.'));
  where.before(note);
  console.error(error);
}

if (formEl) startForm(formEl).catch((error) => failed(formEl, error));
if (verifyEl) startVerify(verifyEl).catch((error) => failed(verifyEl, error));
