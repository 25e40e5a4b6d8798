// The school office's page: receive signed records, countersign them, keep a register.
//
// 1. The office opens its key file with the passphrase; the WebAssembly core (OfficeSigner,
//    crate/src/wasm/form.rs) holds the key while the page is open. It is never stored.
//    "Make a new key" makes a key file in the same core from crypto.getRandomValues.
// 2. Record files come by drag and drop or the file picker. Each is examined against the form
//    of its id (its digest, its content, any receipt); one that is right and made under the
//    current policy is countersigned, and its countersigned copy offered to download.
// 3. The register, in this browser's localStorage only, lists every record received: who
//    signed which form, at which policy version, when sent and received, and a status:
//    received, "ask to sign again" (an older policy version), or not accepted (with why).
//    Two records of the same form received from the same name are flagged as duplicates. It exports as
//    CSV and can be cleared.
// Nothing is sent anywhere: the only requests are for the site's own files.

const root = document.querySelector('[data-office]');

function element(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

function now() {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

// A file to download, from text.
function download(link, text, name, type) {
  if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
}

// One CSV cell: quoted when it must be, and never read as a formula by a spreadsheet (a name
// typed as "=HYPERLINK(…)" stays text).
function csvCell(value) {
  let text = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function start() {
  const glue = await import(root.dataset.glue);
  await glue.default({ module_or_path: root.dataset.wasm });
  const { school, schoolName, policyVersion } = root.dataset;
  const keysJson = root.dataset.keys;
  const formFiles = JSON.parse(root.dataset.forms);
  const registerKey = `postwise:office:${school}:register`;
  let signer = null;

  // ── The register, on this device only ──
  function loadRegister() {
    try {
      const rows = JSON.parse(localStorage.getItem(registerKey) ?? '[]');
      return Array.isArray(rows) ? rows : [];
    } catch {
      return [];
    }
  }
  let register = loadRegister();
  const registerStatus = root.querySelector('.register-status');

  function saveRegister() {
    try {
      localStorage.setItem(registerKey, JSON.stringify(register));
    } catch {
      registerStatus.textContent = 'This browser will not keep the register (its storage is full or switched off). Export it now.';
    }
  }

  const nameKey = (row) => `${row.form_id}\n${row.signed_by.trim().toLowerCase()}`;

  // The same form received more than once from the same name (records not accepted, or to be
  // signed again, do not count).
  function duplicates() {
    const counts = new Map();
    const counted = (row) => row.status === 'received' && row.signed_by !== '';
    for (const row of register) if (counted(row)) counts.set(nameKey(row), (counts.get(nameKey(row)) ?? 0) + 1);
    return (row) => counted(row) && counts.get(nameKey(row)) > 1;
  }

  function statusText(row, duplicate) {
    const words = {
      received: 'Received',
      'sign-again': `Ask to sign again: made under an older version of the policy (${row.policy_version})`,
      refused: `Not accepted: ${row.reason}`,
    }[row.status];
    return duplicate ? `${words}. Duplicate: ${row.signed_by || 'this person'} signed this form more than once` : words;
  }

  function renderRegister() {
    const body = root.querySelector('.register tbody');
    const isDuplicate = duplicates();
    body.replaceChildren(...register.map((row) => {
      const cell = row.record ? element('a', { href: '#', class: 'row-download' }, 'Download') : element('span', {}, '—');
      if (row.record) download(cell, row.record, row.file_name, 'application/json');
      const duplicate = isDuplicate(row);
      return element('tr', { 'data-status': row.status, 'data-duplicate': String(duplicate) },
        element('td', {}, row.signed_by || '(no name)'),
        element('td', {}, row.form_title),
        element('td', {}, row.policy_version),
        element('td', {}, row.submitted_at),
        element('td', {}, row.received_at || '—'),
        element('td', { class: `status-${row.status}` }, statusText(row, duplicate)),
        element('td', {}, cell));
    }));
    root.querySelector('.register').hidden = register.length === 0;
    root.querySelector('.register-empty').hidden = register.length > 0;
    const header = ['Signed by', 'Form', 'Form id', 'Policy version', 'Current policy version', 'Submitted at', 'Received at', 'Status', 'Ask to sign again', 'Duplicate', 'Digest', 'File'];
    const lines = [header, ...register.map((row) => [row.signed_by, row.form_title, row.form_id, row.policy_version, policyVersion, row.submitted_at, row.received_at, statusText(row, false), row.status === 'sign-again' ? 'yes' : 'no', isDuplicate(row) ? 'yes' : 'no', row.digest, row.file_name])];
    download(root.querySelector('.export-csv'), `${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`, `${school}-register-${now().slice(0, 10)}.csv`, 'text/csv');
  }

  root.querySelector('.clear-register').addEventListener('click', () => {
    if (!window.confirm('Clear the register on this device? Export it first if you need it.')) return;
    register = [];
    try { localStorage.removeItem(registerKey); } catch { /* nothing kept */ }
    renderRegister();
    registerStatus.textContent = 'The register on this device is cleared.';
  });

  // ── The key ──
  const keyForm = root.querySelector('.key-form');
  const keyStatus = keyForm.querySelector('.key-status');
  keyForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = keyForm.elements.namedItem('key-file').files?.[0];
    const passphrase = keyForm.elements.namedItem('key-passphrase');
    if (!file) {
      keyStatus.textContent = 'Choose the key file first.';
      return;
    }
    keyStatus.textContent = 'Opening the key…';
    // Let the words show before the passphrase's rounds keep the page busy for a second.
    await new Promise((resolve) => setTimeout(resolve, 30));
    try {
      signer?.free();
      signer = glue.OfficeSigner.open(await file.text(), passphrase.value);
    } catch (error) {
      signer = null;
      keyStatus.textContent = `The key did not open: ${error.message ?? error}.`;
      return;
    } finally {
      passphrase.value = '';
    }
    keyStatus.textContent = signer.school === school
      ? `The key ${signer.keyId} is open. Records you load now are countersigned with it.`
      : `The key ${signer.keyId} is for another school (${signer.school}): records for ${schoolName} cannot be countersigned with it.`;
    root.dataset.keyOpen = 'true';
  });

  const newKeyForm = root.querySelector('.new-key-form');
  newKeyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const out = newKeyForm.querySelector('.new-key-result');
    const first = newKeyForm.elements.namedItem('new-passphrase');
    const again = newKeyForm.elements.namedItem('new-passphrase-again');
    if (first.value !== again.value) {
      out.replaceChildren(element('p', {}, 'The two passphrases are not the same. Type them again.'));
      return;
    }
    let file;
    try {
      file = glue.newKeyFile(school, first.value, crypto.getRandomValues(new Uint8Array(60)));
    } catch (error) {
      out.replaceChildren(element('p', {}, `${error.message ?? error}.`));
      return;
    } finally {
      first.value = '';
      again.value = '';
    }
    const made = JSON.parse(file);
    const link = element('a', { class: 'button', href: '#' }, 'Download the key file');
    download(link, `${file}\n`, `${school}-office-key-${made.key}.json`, 'application/json');
    const lines = `[[keys]]\npublic_key = "${made.public_key}"\nvalid_from = "${now().slice(0, 10)}"\n`;
    out.replaceChildren(
      element('p', {}, `A new key, ${made.key}, is made. Download its file and keep it on the office's own storage, with the passphrase kept apart. It is not kept by this page.`),
      link,
      element('p', {}, `Then add these lines to policies/${school}/school.toml and publish the site again. Until then, it cannot countersign:`),
      element('pre', {}, lines));
  });

  // ── Records ──
  const results = root.querySelector('.office-results');

  async function formFor(parsed) {
    const id = parsed?.form?.id;
    if (parsed?.school?.id !== school || typeof id !== 'string' || !Object.hasOwn(formFiles, id)) return null;
    const response = await fetch(formFiles[id]);
    return response.ok ? response.text() : null;
  }

  // The record's row: who signed, what, when; the status and why.
  function rowOf(parsed, file, status, reason, record, examined) {
    const signatures = (parsed.answers ?? []).filter((a) => a?.type === 'signature' && a.answer?.name);
    return {
      signed_by: signatures.map((a) => a.answer.name).join('; '),
      form_id: String(parsed.form?.id ?? ''),
      form_title: String(parsed.form?.title ?? parsed.form?.id ?? ''),
      policy_version: String(parsed.policy?.version ?? ''),
      submitted_at: String(parsed.submitted_at ?? ''),
      received_at: examined?.receipt?.received_at ?? '',
      digest: String(parsed.digest ?? ''),
      status,
      reason,
      file_name: file.name,
      record,
    };
  }

  async function receive(file) {
    const text = await file.text();
    let parsed;
    let found;
    try {
      parsed = JSON.parse(text);
      found = JSON.parse(glue.examineRecord(text, await formFor(parsed), keysJson));
    } catch (error) {
      return { file, message: `Not a record made by this site's forms (${error.message ?? error}). Nothing was added to the register.` };
    }
    if (parsed.school?.id !== school) {
      return { file, message: `A record for another school (${parsed.school?.name ?? 'unknown'}). Nothing was added to the register.` };
    }
    const already = register.find((row) => row.digest === parsed.digest && row.status !== 'refused');
    if (already && found.digest_matches) {
      return { file, message: `Already in the register (${statusText(already, false)}). Not added again.` };
    }
    const refuse = (reason) => rowOf(parsed, file, 'refused', reason, null, null);
    let row;
    if (!found.known_format) row = refuse('not in a format this site makes');
    else if (!found.digest_matches) row = refuse('it has been changed since it was made (it does not match its digest)');
    else if (found.receipt.result === 'invalid') row = refuse(found.receipt.reason.replace(/^It/, 'its receipt says: it'));
    else if (found.content.result === 'differs') row = refuse(`it is not what the form makes: ${found.content.reason}`);
    else if (found.content.result === 'unknown-form') row = refuse('this site has no such form for the school');
    else if (found.content.result === 'unknown-version') row = rowOf(parsed, file, 'sign-again', '', null, null);
    else if (found.receipt.result === 'valid') row = rowOf(parsed, file, 'received', '', text, found);
    else if (!signer || signer.school !== school) {
      return { file, message: 'Checked: it is right. Open the school\'s key to countersign it and add it to the register.' };
    } else {
      try {
        const signed = signer.countersign(text, await formFor(parsed), keysJson, now());
        const pretty = `${JSON.stringify(JSON.parse(signed), null, 2)}\n`;
        const again = JSON.parse(glue.examineRecord(pretty, await formFor(parsed), keysJson));
        row = rowOf(parsed, { name: file.name.replace(/(\.json)?$/, '-received.json') }, 'received', '', pretty, again);
      } catch (error) {
        return { file, message: `Not countersigned: ${error.message ?? error}.` };
      }
    }
    register.push(row);
    return { file, row };
  }

  async function receiveAll(files) {
    const done = [];
    for (const file of files) done.push(await receive(file));
    saveRegister();
    renderRegister();
    results.replaceChildren(...done.map(({ file, message, row }) => {
      if (!row) return element('li', {}, element('strong', {}, file.name), `: ${message}`);
      const item = element('li', { 'data-status': row.status }, element('strong', {}, file.name), `: ${statusText(row, false)}.`);
      if (row.record) {
        const link = element('a', { href: '#' }, `Download the countersigned record${row.signed_by ? ` for ${row.signed_by}` : ''}`);
        download(link, row.record, row.file_name, 'application/json');
        item.append(' ', link, ' to keep it, or to give it back.');
      }
      return item;
    }));
  }

  const input = root.querySelector('#record-files');
  input.addEventListener('change', () => {
    receiveAll([...input.files]);
    input.value = '';
  });
  const zone = root.querySelector('[data-drop]');
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    receiveAll([...(event.dataTransfer?.files ?? [])]);
  });

  renderRegister();
  root.hidden = false;
  root.dataset.ready = 'true';
}

if (root) {
  start().catch((error) => {
    root.before(element('div', { class: 'notice', role: 'note' }, element('p', {}, element('strong', {}, 'This page could not start in this browser.'))));
    console.error(error);
  });
}
