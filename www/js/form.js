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
// 4. the record can be downloaded, printed or put into an e-mail;
// 5. on the verify page, a record file is checked in the same WebAssembly core.
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

// ── The form page ─────────────────────────────────────────────────────────────────────────

async function startForm(form) {
  const { school, formId } = form.dataset;
  const storageKey = `postwise:form:${school}:${formId}`;
  const keepKey = 'postwise:form-keep';
  const status = form.querySelector('.form-status');
  const summary = document.querySelector('.error-summary');
  const recordSection = document.querySelector('.record');
  const keep = form.elements.namedItem('keep-answers');
  const pageTitle = document.title;
  let spec = null;
  let filler = null;
  let dirty = false;

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
    if (!keep.checked) return;
    if (!storageSet(storageKey, JSON.stringify(snapshot()))) {
      status.textContent = 'This browser will not keep your answers. Finish the form before you leave the page.';
    }
  }

  function changed() {
    dirty = true;
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
        section = answer.section;
        list = element('dl');
        parts.push(element('h3', {}, section), list);
      }
      list.append(element('dt', {}, answer.lead ? `${answer.lead} ${answer.label}` : answer.label), element('dd', {}, ...answerText(answer)));
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
    const subject = `${record.form.title}: signed record`;
    const text = `${subject}\n\nSubmitted ${record.submitted_at}, policy version ${record.policy.version}.\nDigest: ${record.digest}\n\nThe record (keep it exactly as it is, to check it on the school's verify page):\n\n${json}`;
    recordSection.querySelector('.email-record').href = `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;

    form.hidden = true;
    document.body.classList.add('showing-record');
    recordSection.hidden = false;
    recordSection.focus();
    dirty = false;
  }

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
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const submittedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const outcome = JSON.parse(filler.record(JSON.stringify(answers()), submittedAt));
    if (outcome.errors.length) showErrors(outcome.errors);
    else { clearErrors(); showRecord(outcome.record); }
  });
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
  recordSection.querySelector('.edit-answers').addEventListener('click', () => {
    recordSection.hidden = true;
    document.body.classList.remove('showing-record');
    form.hidden = false;
    form.querySelector('input, textarea')?.focus();
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

  function show(ok, heading, ...lines) {
    result.className = `verify-result ${ok ? 'verify-ok' : 'verify-bad'}`;
    result.replaceChildren(element('h2', {}, heading), ...lines.map((line) => element('p', {}, line)));
    result.focus();
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
    let verdict;
    try {
      verdict = JSON.parse(glue.verifyRecord(text, form.dataset.policyVersion));
      parsed = JSON.parse(text);
    } catch (error) {
      show(false, 'This is not a record', `“${file.name}” is not a record made by a form on this site, so it cannot be checked: ${error.message ?? error}.`);
      return;
    }
    const school = parsed.school ?? {};
    const policy = parsed.policy ?? {};
    const otherSchool = school.id !== form.dataset.school;
    const policyLine = otherSchool
      ? `It was signed against version ${policy.version} of ${school.name}'s policy. This page is for another school, so it cannot say whether that is the current version.`
      : verdict.current_policy
        ? `It was signed against version ${policy.version} of the policy, which is the current version.`
        : `It was signed against version ${policy.version} of the policy, an earlier version: the current version is ${form.dataset.policyVersion}.`;
    const about = `“${parsed.form?.title}” for ${school.name}, submitted ${parsed.submitted_at}.`;
    if (verdict.intact && verdict.known_format) {
      show(true, 'This record is intact', `Nothing in it has changed since it was made. ${about}`, policyLine, `Digest: ${parsed.digest}`);
    } else if (!verdict.known_format) {
      show(false, 'This record cannot be checked', `It is in a format (${parsed.format}) that this site does not make.`);
    } else {
      show(false, 'This record has been changed', `Something in it is different from when it was made, so it does not match its digest. Ask for the original record. ${about}`, `Digest in the file: ${parsed.digest}`, `Digest of the file as it is now: ${verdict.computed_digest}`);
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
