// The school office's page and the school's receipt, in Chromium, on a copy of the policies
// where Chestnuts has a key (made by `postwise keys new`, as an office would) and an address:
// a parent signs; the office opens its key, receives that record with a forged one and one
// made under an older policy version, and the register shows each with its status, flags a
// duplicate, keeps over a reload, exports CSV and clears; the verify page says its three
// things for the forged, the unsigned and the countersigned record; the office page makes a
// key; axe finds nothing in light and dark. Nothing is sent anywhere.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, openPage, repo, startServer } from './helpers.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PASSPHRASE = 'correct horse battery staple';
const SCHOOL = 'chestnuts';
const FORM = 'parent-agreement';

// RFC 8785 for records (no numbers): what anyone can compute, a forger too.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// The record with `edit` made and its digest worked out again, as a forger would.
function forge(text, edit) {
  const record = JSON.parse(text);
  edit(record);
  const { digest: _, receipt: __, ...rest } = record;
  record.digest = `sha256:${createHash('sha256').update(canonical(rest)).digest('hex')}`;
  return `${JSON.stringify(record, null, 2)}\n`;
}

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r') { /* \r\n ends a row */ } else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += c;
  }
  return rows;
}

describe('the office page and the school receipt', () => {
  let server;
  let browser;
  let dir;
  let keyFile;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'postwise-office-'));
    cpSync(join(repo, 'policies'), join(dir, 'policies'), { recursive: true });
    const toml = join(dir, 'policies', SCHOOL, 'school.toml');
    writeFileSync(toml, readFileSync(toml, 'utf8').replace('contact_email = ""', 'contact_email = "office@chestnuts.example"'));
    keyFile = join(dir, 'chestnuts-office-key.json');
    const bin = process.env.POSTWISE_BIN ?? join(repo, 'target', 'debug', 'postwise');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    execFileSync(bin, ['keys', 'new', '--school', SCHOOL, '--out', keyFile, '--policies', join(dir, 'policies'), '--add', '--valid-from', yesterday], { input: `${PASSPHRASE}\n` });
    server = await startServer({ policies: join(dir, 'policies') });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function signAsParent(name) {
    const { context, page } = await openPage(browser);
    await page.goto(server.url(`/${SCHOOL}/form-${FORM}.html`), { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('form[data-form][data-ready="true"]', { state: 'attached', timeout: 15_000 });
    const form = await (await fetch(server.url(`/${SCHOOL}/form-${FORM}.json`))).json();
    for (const field of form.sections.filter((s) => s.online).flatMap((s) => s.fields)) {
      const id = `#f-${field.id}`;
      if (field.type === 'statement' || field.type === 'choice') await page.locator(id).check();
      else if (field.type === 'date') {
        const today = new Date();
        await page.locator(id).fill(String(today.getDate()));
        await page.locator(`${id}-month`).fill(String(today.getMonth() + 1));
        await page.locator(`${id}-year`).fill(String(today.getFullYear()));
      } else await page.locator(id).fill(name);
    }
    await page.locator('.submit-form').click();
    await page.locator('.confirm-record').click();
    await page.locator('.record').waitFor({ state: 'visible' });
    const email = await page.locator('.email-record').getAttribute('href');
    const record = await download(page, () => page.locator('.download-record').click());
    await context.close();
    return { ...record, email };
  }

  async function openOffice(options = {}) {
    const opened = await openPage(browser, options);
    await opened.page.goto(server.url(`/${SCHOOL}/office.html`), { waitUntil: 'domcontentloaded' });
    await opened.page.waitForSelector('[data-office][data-ready="true"]', { state: 'attached', timeout: 15_000 });
    return opened;
  }

  async function openKey(page) {
    await page.locator('#key-file').setInputFiles(keyFile);
    await page.locator('#key-passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Open the key' }).click();
    await page.waitForSelector('[data-office][data-key-open="true"]', { state: 'attached', timeout: 30_000 });
  }

  async function load(page, files) {
    await page.locator('#record-files').setInputFiles(files.map(({ name, text }) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) })));
    await page.waitForFunction((n) => document.querySelectorAll('.office-results li').length === n, files.length);
  }

  async function registerRows(page) {
    return page.locator('.register tbody tr').evaluateAll((rows) => rows.map((tr) => ({
      name: tr.cells[0].textContent, version: tr.cells[2].textContent, status: tr.dataset.status, duplicate: tr.dataset.duplicate, text: tr.cells[5].textContent,
    })));
  }

  async function verify(text) {
    const { context, page, log } = await openPage(browser);
    await page.goto(server.url(`/${SCHOOL}/verify.html`));
    await page.waitForSelector('form[data-verify][data-ready="true"]', { state: 'attached' });
    await page.locator('#record-file').setInputFiles({ name: 'record.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.getByRole('button', { name: 'Check the record' }).click();
    await page.locator('.verify-result h2').waitFor();
    const found = {
      heading: await page.locator('.verify-result h2').textContent(),
      level: await page.locator('.verify-result').getAttribute('class'),
      facts: await page.locator('.verify-facts li').evaluateAll((items) => items.map((li) => li.className.replace('fact-', ''))),
      text: await page.locator('.verify-result').textContent(),
    };
    assert.deepEqual(log.consoleErrors, []);
    await context.close();
    return found;
  }

  it('a parent signs; the office receives it with a forged record and an older one; the register, CSV and verify page say the right things', async () => {
    const signed = await signAsParent('Sam Jones');
    assert.match(signed.email, /^mailto:office@chestnuts\.example\?subject=/, 'the e-mail goes to the school');
    const forged = { name: 'forged.json', text: forge(signed.text, (r) => {
      r.answers.find((a) => a.type === 'text').answer = 'Someone Else';
      r.answers.find((a) => a.type === 'signature').answer.name = 'Someone Else';
      r.answers.find((a) => a.type === 'statement').label = 'Share photos of any child I like';
    }) };
    const older = { name: 'older.json', text: forge(signed.text, (r) => { r.policy.version = '000000000000'; }) };

    const { context, page, log } = await openOffice();
    await openKey(page);
    assert.match(await page.locator('.key-status').textContent(), /is open/);
    await load(page, [signed, forged, older]);
    const rows = await registerRows(page);
    assert.deepEqual(rows.map((r) => r.status), ['received', 'refused', 'sign-again']);
    assert.match(rows[1].text, /Not accepted: it is not what the form makes: The statement .* is not worded as the form words it/);
    assert.match(rows[2].text, /Ask to sign again/);
    assert.equal(rows[2].version, '000000000000');
    const countersigned = await download(page, () => page.locator('.office-results a').first().click());
    const receipt = JSON.parse(countersigned.text).receipt;
    assert.equal(receipt.format, 'postwise-form-receipt/1');
    assert.match(receipt.signature, /^[0-9a-f]{128}$/);

    // The same record again is not added twice; the same person signing twice is flagged.
    const again = { name: 'again.json', text: forge(signed.text, (r) => { r.submitted_at = r.submitted_at.replace(/:(\d\d)Z$/, (_, s) => `:${String((Number(s) + 1) % 60).padStart(2, '0')}Z`); }) };
    await load(page, [signed, again]);
    assert.match(await page.locator('.office-results li').first().textContent(), /Already in the register/);
    const withDuplicate = await registerRows(page);
    assert.equal(withDuplicate.length, 4);
    assert.deepEqual(withDuplicate.map((r) => [r.status, r.duplicate]), [['received', 'true'], ['refused', 'false'], ['sign-again', 'false'], ['received', 'true']]);
    assert.match(withDuplicate[3].text, /Duplicate: Sam Jones signed this form more than once/);

    const csv = parseCsv((await download(page, () => page.locator('.export-csv').click())).text);
    assert.deepEqual(csv[0].slice(0, 4), ['Signed by', 'Form', 'Form id', 'Policy version']);
    assert.equal(csv.length, 5);
    assert.deepEqual(csv.slice(1).map((r) => r[8]), ['no', 'no', 'yes', 'no'], 'ask to sign again');
    assert.equal(csv[2][0], 'Someone Else');
    assert.match(csv[2][7], /^Not accepted/);

    // Kept on this device over a reload (the key is not), and cleared on request.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-office][data-ready="true"]', { state: 'attached' });
    assert.equal((await registerRows(page)).length, 4);
    assert.equal(await page.locator('[data-office]').getAttribute('data-key-open'), null, 'the key is never kept');
    page.once('dialog', (d) => d.accept());
    await page.locator('.clear-register').click();
    assert.equal((await registerRows(page)).length, 0);
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('postwise:office:'))), []);
    assert.ok(log.requests.every((url) => url.startsWith(server.origin)), 'nothing sent anywhere');
    assert.deepEqual(log.consoleErrors, []);
    await context.close();

    // The verify page, for each.
    const unsigned = await verify(signed.text);
    assert.deepEqual(unsigned.facts, ['yes', 'yes', 'no']);
    assert.equal(unsigned.heading, 'Not received by the school yet');
    const received = await verify(countersigned.text);
    assert.deepEqual(received.facts, ['yes', 'yes', 'yes']);
    assert.equal(received.heading, 'Received by the school, and unchanged since');
    assert.match(received.level, /verify-ok/);
    const fake = await verify(forged.text);
    assert.deepEqual(fake.facts, ['yes', 'no', 'no'], 'the digest matches, nothing else');
    assert.doesNotMatch(fake.level, /verify-ok/);
    const tampered = await verify(forge(countersigned.text, (r) => { r.answers.find((a) => a.type === 'text').answer = 'Someone Else'; }));
    assert.deepEqual(tampered.facts, ['yes', 'yes', 'no']);
    assert.equal(tampered.heading, 'The school\'s receipt on this record does not hold');
    assert.match(tampered.text, /signature does not match the record/);
    const old = await verify(older.text);
    assert.deepEqual(old.facts, ['yes', 'unknown', 'no']);
    assert.match(old.text, /version 000000000000 of the policy, which this site no longer has/);
  });

  it('the office page makes a new key, which opens but cannot sign until school.toml publishes it', async () => {
    const { context, page } = await openOffice();
    await page.locator('.new-key summary').click();
    await page.locator('#new-passphrase').fill('three random words');
    await page.locator('#new-passphrase-again').fill('three random words');
    await page.getByRole('button', { name: 'Make the key' }).click();
    await page.locator('.new-key-result pre').waitFor();
    assert.match(await page.locator('.new-key-result pre').textContent(), /^\[\[keys\]\]\npublic_key = "ed25519:[0-9a-f]{64}"\nvalid_from = "\d{4}-\d\d-\d\d"\n$/);
    const made = await download(page, () => page.locator('.new-key-result a').click());
    assert.equal(JSON.parse(made.text).format, 'postwise-school-key/1');
    const path = join(dir, made.name);
    writeFileSync(path, made.text);
    await page.locator('#key-file').setInputFiles(path);
    await page.locator('#key-passphrase').fill('three random words');
    await page.getByRole('button', { name: 'Open the key' }).click();
    await page.waitForSelector('[data-office][data-key-open="true"]', { state: 'attached', timeout: 30_000 });
    const signed = await signAsParent('Ann Lee');
    await load(page, [signed]);
    assert.match(await page.locator('.office-results li').textContent(), /Not countersigned: This key \(.*\) is not in the school's school\.toml yet/);
    assert.equal((await registerRows(page)).length, 0);
    await context.close();
  });

  it('a school without a key says so, and the wrong passphrase does not open the key', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(server.url('/cotton-end/office.html'));
    await page.waitForSelector('[data-office][data-ready="true"]', { state: 'attached' });
    assert.match(await page.locator('.notice').first().textContent(), /has not published a key yet/);
    await page.goto(server.url('/cotton-end/verify.html'));
    assert.match(await page.locator('main').textContent(), /has not published a key, so no record of its forms can show that the school received it/);
    await context.close();
    const office = await openOffice();
    await office.page.locator('#key-file').setInputFiles(keyFile);
    await office.page.locator('#key-passphrase').fill('not the passphrase');
    await office.page.getByRole('button', { name: 'Open the key' }).click();
    await office.page.waitForFunction(() => /did not open/.test(document.querySelector('.key-status').textContent), null, { timeout: 30_000 });
    assert.match(await office.page.locator('.key-status').textContent(), /The passphrase is not right/);
    assert.equal(await office.page.locator('#key-passphrase').inputValue(), '', 'the passphrase is not left in the box');
    await office.context.close();
  });

  it('axe finds no WCAG 2.2 AA violations on the office page with a register, and on the verify page with each result', async () => {
    const signed = await signAsParent('Sam Jones');
    const forged = { name: 'forged.json', text: forge(signed.text, (r) => { r.policy.version = '000000000000'; }) };
    const problems = [];
    for (const colorScheme of ['light', 'dark']) {
      const { context, page } = await openOffice({ colorScheme });
      await page.locator('.clear-register').evaluate((b) => { window.confirm = () => true; b.click(); });
      await openKey(page);
      await load(page, [signed, forged]);
      await page.locator('.new-key summary').click();
      const dark = colorScheme === 'dark';
      const axe = new AxeBuilder({ page });
      const results = await (dark ? axe.withRules(['color-contrast']) : axe.withTags(WCAG_TAGS)).analyze();
      for (const v of results.violations) problems.push(`office (${colorScheme}): ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
      const countersigned = await download(page, () => page.locator('.office-results a').first().click());
      for (const text of [signed.text, countersigned.text, forged.text]) {
        await page.goto(server.url(`/${SCHOOL}/verify.html`));
        await page.waitForSelector('form[data-verify][data-ready="true"]', { state: 'attached' });
        await page.locator('#record-file').setInputFiles({ name: 'r.json', mimeType: 'application/json', buffer: Buffer.from(text) });
        await page.getByRole('button', { name: 'Check the record' }).click();
        await page.locator('.verify-result h2').waitFor();
        const heading = await page.locator('.verify-result h2').textContent();
        const verdict = await (dark ? new AxeBuilder({ page }).withRules(['color-contrast']) : new AxeBuilder({ page }).withTags(WCAG_TAGS)).analyze();
        for (const v of verdict.violations) problems.push(`verify "${heading}" (${colorScheme}): ${v.id}: ${v.help}`);
      }
      await context.close();
    }
    assert.equal(problems.join('\n'), '', 'axe violations');
  });
});

// The key file made by `postwise keys new` must never end up in what the site serves.
describe('the key stays out of the site', () => {
  it('a policy folder with a key file in it does not build', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postwise-keyed-'));
    try {
      cpSync(join(repo, 'policies'), join(dir, 'policies'), { recursive: true });
      appendFileSync(join(dir, 'policies', SCHOOL, 'office-key.json'), '{"format": "postwise-school-key/1"}\n');
      const bin = process.env.POSTWISE_BIN ?? join(repo, 'target', 'debug', 'postwise');
      assert.throws(() => execFileSync(bin, ['build', '--policies', join(dir, 'policies'), '--out', join(dir, 'site')], { stdio: 'pipe' }), /this is a private key/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
