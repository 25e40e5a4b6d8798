// "Read and sign": every school's forms in Chromium. Each form is filled as a person would:
// submitted empty (the error summary links to every required field, each error beside its
// field), fixed, reloaded half-way (the answers come back), checked ("Check your answers") and
// turned into a record that downloads, after which nothing is left in storage; the verify
// page says its three things apart for the record and an edited copy. axe-core checks the
// pages, with errors, the check step and the record showing too. The office page, receipts and
// the register are in office.test.mjs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, openPage, startServer } from './helpers.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Every form the policies contain or require, by school.
const FORMS = {
  chestnuts: ['access-request', 'content-report', 'parent-agreement'],
  'coton-in-the-elms': ['image-consent', 'staff-acknowledgement'],
  'cotton-end': ['access-request', 'content-report', 'image-consent', 'parent-code', 'site-approval', 'terms-of-use'],
  craylands: ['image-consent', 'parent-code', 'relationship-record', 'social-media-aup'],
  'robert-carre': ['account-application', 'image-consent', 'parent-code'],
};

async function openForm(browser, server, school, form, options = {}) {
  const opened = await openPage(browser, options);
  // The page's own signal, not `load`: the form is usable before the print stylesheet arrives.
  await opened.page.goto(server.url(`/${school}/form-${form}.html`), { waitUntil: 'domcontentloaded' });
  await opened.page.waitForSelector('form[data-form][data-ready="true"]', { state: 'attached', timeout: 15_000 });
  return opened;
}

async function spec(server, school, form) {
  const response = await fetch(server.url(`/${school}/form-${form}.json`));
  assert.equal(response.status, 200);
  return response.json();
}

const onlineFields = (form) => form.sections.filter((s) => s.online).flatMap((s) => s.fields);

// Good answers, whatever the field: what a careful person would type.
async function fillField(page, field) {
  const id = `#f-${field.id}`;
  switch (field.type) {
    case 'statement':
      return page.locator(id).check();
    case 'choice':
      return page.locator(id).check();
    case 'date':
      await page.locator(id).fill('27');
      await page.locator(`${id}-month`).fill('3');
      return page.locator(`${id}-year`).fill('2025');
    case 'url':
      return page.locator(id).fill('https://www.example.com/page');
    case 'email':
      return page.locator(id).fill('sam@example.com');
    default:
      return page.locator(id).fill('Sam Jones');
  }
}

async function errorSummary(page) {
  return page.locator('.error-summary a').evaluateAll((links) => links.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
}

// Continue, check the answers, sign.
async function makeRecord(page) {
  await page.locator('.submit-form').click();
  await page.locator('.check-answers').waitFor({ state: 'visible' });
  await page.locator('.confirm-record').click();
  await page.locator('.record').waitFor({ state: 'visible' });
}

async function makeRecordAndDownload(page, dir) {
  await makeRecord(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.download-record').click()]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return { path, text: readFileSync(path, 'utf8') };
}

async function verifyFile(browser, server, school, path) {
  const { context, page, log } = await openPage(browser);
  await page.goto(server.url(`/${school}/verify.html`));
  await page.waitForSelector('form[data-verify][data-ready="true"]', { state: 'attached' });
  await page.locator('#record-file').setInputFiles(path);
  await page.getByRole('button', { name: 'Check the record' }).click();
  await page.locator('.verify-result h2').waitFor();
  const heading = await page.locator('.verify-result h2').textContent();
  const text = await page.locator('.verify-result').textContent();
  const level = await page.locator('.verify-result').getAttribute('class');
  const facts = await page.locator('.verify-facts li').evaluateAll((items) => items.map((li) => ({ state: li.className, title: li.querySelector('h3').textContent, text: li.textContent })));
  assert.deepEqual(log.consoleErrors, []);
  await context.close();
  return { heading, text, level, facts };
}

describe('forms', () => {
  let server;
  let browser;
  let dir;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'postwise-forms-'));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('"Read and sign" lists every form the school\'s policy has', async () => {
    const { context, page, log } = await openPage(browser);
    for (const [school, forms] of Object.entries(FORMS)) {
      await page.goto(server.url(`/${school}/forms.html`));
      const links = await page.locator('.form-list h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(links, forms.map((f) => `form-${f}.html`), school);
      assert.equal(await page.locator('main a[href="verify.html"]').count(), 1, `${school}: links to the verify page`);
    }
    assert.deepEqual(log.failures, []);
    await context.close();
  });

  for (const [school, forms] of Object.entries(FORMS)) {
    for (const form of forms) {
      it(`${school}: fills in "${form}": errors shown and fixed, kept over a reload, record downloaded and verified`, async () => {
        const described = await spec(server, school, form);
        const fields = onlineFields(described);
        const required = fields.filter((f) => f.required);
        const { context, page, log } = await openForm(browser, server, school, form);
        assert.equal(await page.locator('h1').textContent(), described.title);

        // Submitted empty: one error a required field, in the summary and beside the field.
        await page.locator('.submit-form').click();
        const summary = await errorSummary(page);
        assert.deepEqual(summary.map((e) => e.href), required.map((f) => `#f-${f.id}`));
        assert.ok(await page.locator('.error-summary').evaluate((el) => el === document.activeElement), 'the summary has focus');
        assert.match(await page.title(), /^Error: /);
        for (const field of required) {
          const message = await page.locator(`#f-${field.id}-error`).textContent();
          assert.ok(message.startsWith('Error: '), `${field.id}: ${message}`);
          assert.ok(await page.locator(`#field-${field.id}`).evaluate((el) => el.classList.contains('field-error')), field.id);
        }
        // A summary link takes the person to the field.
        await page.locator('.error-summary a').first().click();
        assert.equal(await page.evaluate(() => document.activeElement.id), `f-${required[0].id}`);

        // Half the answers, then a reload: they are still there.
        const half = fields.slice(0, Math.ceil(fields.length / 2));
        for (const field of half) await fillField(page, field);
        await page.reload({ waitUntil: 'domcontentloaded' });
        await page.waitForSelector('form[data-form][data-ready="true"]', { state: 'attached' });
        for (const field of half) {
          const control = page.locator(`#f-${field.id}`);
          if (['statement', 'choice'].includes(field.type)) assert.ok(await control.isChecked(), `${field.id} kept`);
          else assert.notEqual(await control.inputValue(), '', `${field.id} kept`);
        }
        assert.match(await page.locator('.form-status').textContent(), /answers from before are back/);

        for (const field of fields.slice(half.length)) await fillField(page, field);
        const { text } = await makeRecordAndDownload(page, dir);
        // A finished form leaves nothing on the device.
        assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('postwise:form:'))), [], 'nothing kept');
        assert.equal(await page.locator('.error-summary').isHidden(), true);
        const record = JSON.parse(text);
        assert.equal(record.format, 'postwise-form-record/1');
        assert.equal(record.form.id, form);
        assert.equal(record.school.id, school);
        assert.match(record.digest, /^sha256:[0-9a-f]{64}$/);
        assert.equal(record.policy.version, await page.locator('.form-source .policy-version').textContent());
        assert.deepEqual(record.answers.map((a) => a.field), fields.map((f) => f.id));
        for (const statement of fields.filter((f) => f.type === 'statement')) {
          const kept = record.answers.find((a) => a.field === statement.id);
          assert.equal(kept.label, statement.label, 'the exact text agreed to');
          assert.equal(kept.answer, true);
        }
        // Reloading part-way can abort the first load's last requests; nothing else may fail.
        assert.deepEqual(log.failures.filter((f) => !f.endsWith('net::ERR_ABORTED')), []);
        assert.deepEqual(log.consoleErrors, []);
        await context.close();
      });
    }
  }

  it('the verify page says three things apart, and no green headline for a record the school has not received', async () => {
    const { context, page } = await openForm(browser, server, 'chestnuts', 'parent-agreement');
    for (const field of onlineFields(await spec(server, 'chestnuts', 'parent-agreement'))) await fillField(page, field);
    const { path, text } = await makeRecordAndDownload(page, dir);
    await context.close();

    const unsigned = await verifyFile(browser, server, 'chestnuts', path);
    assert.equal(unsigned.heading, 'Not received by the school yet');
    assert.doesNotMatch(unsigned.level, /verify-ok/, 'no green for an unsigned record');
    assert.deepEqual(unsigned.facts.map((f) => f.state), ['fact-yes', 'fact-yes', 'fact-no']);
    assert.match(unsigned.facts[1].text, /the current version/);
    assert.match(unsigned.facts[2].text, /no receipt from the school/);

    const edited = join(dir, 'edited.json');
    writeFileSync(edited, text.replace('"Sam Jones"', '"Sam Jonas"'));
    assert.notEqual(readFileSync(edited, 'utf8'), text);
    const changed = await verifyFile(browser, server, 'chestnuts', edited);
    assert.equal(changed.heading, 'This record has been changed');
    assert.equal(changed.facts[0].state, 'fact-no');

    const added = join(dir, 'added.json');
    writeFileSync(added, text.replace('{', '{\n  "approved": true,'));
    assert.equal((await verifyFile(browser, server, 'chestnuts', added)).heading, 'This record has been changed');

    const notJson = join(dir, 'notes.json');
    writeFileSync(notJson, 'Signed by Sam on Tuesday');
    assert.equal((await verifyFile(browser, server, 'chestnuts', notJson)).heading, 'This is not a record');

    const otherSchool = await verifyFile(browser, server, 'cotton-end', path);
    assert.equal(otherSchool.facts[1].state, 'fact-unknown');
    assert.match(otherSchool.text, /use Chestnuts Primary School's own verify page/);
    assert.doesNotMatch(otherSchool.level, /verify-ok/);
  });

  it('"Check your answers" shows each answer with a Change link, statements with their lead, before signing', async () => {
    const { context, page } = await openForm(browser, server, 'chestnuts', 'parent-agreement');
    const described = await spec(server, 'chestnuts', 'parent-agreement');
    for (const field of onlineFields(described)) await fillField(page, field);
    await page.locator('.submit-form').click();
    await page.locator('.check-answers').waitFor({ state: 'visible' });
    assert.ok(await page.locator('.check-answers').evaluate((el) => el === document.activeElement), 'the check step has focus');
    assert.equal(await page.locator('.paper-form').isHidden(), true);
    const rows = await page.locator('.summary-row dt').allTextContents();
    assert.equal(rows.length, onlineFields(described).length);
    const section = described.sections.find((s) => s.fields.some((f) => f.type === 'statement') && s.intro);
    const statement = section.fields.find((f) => f.type === 'statement');
    const lead = section.intro.replace(/:$/, '');
    assert.ok(rows.some((r) => r.startsWith(`${lead}: `) && r.toLowerCase().includes(statement.label.slice(1, 30).toLowerCase())), `${lead}: ${statement.label} in ${rows}`);
    // Change goes back to the field, and the answer changed shows when continuing again.
    const name = onlineFields(described).find((f) => f.type === 'text');
    await page.locator('.summary-row').filter({ hasText: name.label }).getByRole('link', { name: /^Change/ }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), `f-${name.id}`);
    await page.locator(`#f-${name.id}`).fill('Alex Smith');
    await page.locator('.submit-form').click();
    assert.match(await page.locator('.check-answers').textContent(), /Alex Smith/);
    assert.equal(await page.locator('.record').isHidden(), true, 'nothing is signed until the person says so');
    await page.locator('.confirm-record').click();
    await page.locator('.record').waitFor({ state: 'visible' });
    assert.match(await page.locator('.record-body').textContent(), /Alex Smith/);
    await context.close();
  });

  it('a finished form leaves nothing on the device, and the next person sees an empty form', async () => {
    const { context, page } = await openForm(browser, server, 'craylands', 'parent-code');
    for (const field of onlineFields(await spec(server, 'craylands', 'parent-code'))) await fillField(page, field);
    assert.ok(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('postwise:form:'))), 'kept while filling');
    await makeRecord(page);
    const kept = await page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));
    assert.deepEqual(kept.local.filter((k) => k.startsWith('postwise:form:')), []);
    assert.deepEqual(kept.session, []);
    await page.goto(server.url('/craylands/form-parent-code.html'));
    await page.waitForSelector('form[data-form][data-ready="true"]', { state: 'attached' });
    assert.equal(await page.locator('#f-parent-name').inputValue(), '');
    assert.equal(await page.locator('.form-status').textContent(), '', 'no "answers from before"');
    await context.close();
  });

  it('the record keeps the "tell the DSL now" instruction of a safeguarding report', async () => {
    const { context, page } = await openForm(browser, server, 'cotton-end', 'content-report');
    for (const field of onlineFields(await spec(server, 'cotton-end', 'content-report'))) await fillField(page, field);
    await page.locator('#field-safeguarding').getByLabel('Yes', { exact: true }).check();
    const { text } = await makeRecordAndDownload(page, dir);
    const answer = JSON.parse(text).answers.find((a) => a.field === 'safeguarding');
    assert.equal(answer.answer, 'Yes');
    assert.equal(answer.tell[0].role, 'Designated Safeguarding Lead (DSL)');
    assert.match(answer.tell[0].note, /Do not wait for this form/);
    assert.match(await page.locator('.record-body').textContent(), /Tell the Designated Safeguarding Lead \(DSL\) now/);
    await context.close();
  });

  it('two "I will not" statements left unticked read apart, with their lead', async () => {
    const { context, page } = await openForm(browser, server, 'chestnuts', 'parent-agreement');
    await page.locator('.submit-form').click();
    const messages = (await errorSummary(page)).map((e) => e.text).filter((t) => t.startsWith('Tick the box'));
    assert.ok(messages.length >= 2, messages.join('\n'));
    assert.equal(new Set(messages).size, messages.length, 'no two the same');
    assert.ok(messages.some((m) => m.startsWith('Tick the box to agree to “I will not: ')), messages.join('\n'));
    await context.close();
  });

  it('without an address for the school, "Email the record" is not offered and the page says what to do', async () => {
    const { context, page } = await openForm(browser, server, 'chestnuts', 'parent-agreement');
    for (const field of onlineFields(await spec(server, 'chestnuts', 'parent-agreement'))) await fillField(page, field);
    await makeRecord(page);
    assert.equal(await page.locator('.email-record').count(), 0);
    assert.match(await page.locator('.email-missing').textContent(), /has not given an email address/);
    await context.close();
  });

  it('says how to fix a date that does not exist or is still to come, and takes a web address without https://', async () => {
    const { context, page } = await openForm(browser, server, 'cotton-end', 'access-request');
    await page.locator('#f-date').fill('31');
    await page.locator('#f-date-month').fill('2');
    await page.locator('#f-date-year').fill('2025');
    await page.locator('#f-url').fill('mailto:someone@example.com');
    await page.locator('.submit-form').click();
    assert.equal(await page.locator('#f-date-error').textContent(), 'Error: Date: the date must be a real date: February 2025 has 28 days');
    assert.match(await page.locator('#f-url-error').textContent(), /starting with https:\/\/ or http:\/\//);
    assert.equal(await page.locator('#f-url').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#f-url').getAttribute('aria-describedby'), /f-url-error/);
    await page.locator('#f-date').fill('28');
    await page.locator('#f-date-year').fill('2031');
    await page.locator('.submit-form').click();
    assert.equal(await page.locator('#f-date-error').textContent(), 'Error: Date: the date must be today or in the past');
    await page.locator('#f-url').fill('www.youtube.com/watch?v=abc');
    await page.locator('#f-date-year').fill('2025');
    await page.locator('.submit-form').click();
    const hrefs = (await errorSummary(page)).map((e) => e.href);
    assert.ok(!hrefs.includes('#f-url') && !hrefs.includes('#f-date'), `fixed fields have no error: ${hrefs}`);
    assert.equal(await page.locator('#f-url-error').isHidden(), true);
    for (const field of onlineFields(await spec(server, 'cotton-end', 'access-request')).filter((f) => !['url', 'date'].includes(f.id))) await fillField(page, field);
    await page.locator('.submit-form').click();
    await page.locator('.check-answers').waitFor({ state: 'visible' });
    assert.match(await page.locator('.check-answers').textContent(), /https:\/\/www\.youtube\.com\/watch\?v=abc/);
    await context.close();
  });

  it('the safeguarding question sends the person to the DSL', async () => {
    const { context, page } = await openForm(browser, server, 'cotton-end', 'content-report');
    const panel = page.locator('[data-tell-field="safeguarding"][data-tell-value="yes"]');
    assert.equal(await panel.isHidden(), true);
    await page.getByLabel('Yes', { exact: true }).check();
    assert.equal(await panel.isVisible(), true);
    assert.match(await panel.textContent(), /tell the Designated Safeguarding Lead \(DSL\) now/);
    await page.getByLabel('No', { exact: true }).check();
    assert.equal(await panel.isHidden(), true);
    await context.close();
  });

  it('on a shared computer nothing is kept, and leaving with answers asks first', async () => {
    const { context, page } = await openForm(browser, server, 'craylands', 'parent-code');
    await page.locator('#f-parent-name').fill('Sam Jones');
    assert.ok(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('postwise:form:craylands'))));
    await page.locator('#keep-answers').uncheck();
    assert.ok(!(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('postwise:form:craylands')))), 'forgotten at once');
    await page.locator('#f-parent-name').fill('Sam Jones again');
    const dialog = new Promise((resolve) => page.once('dialog', async (d) => { resolve(d.type()); await d.accept(); }));
    await page.close({ runBeforeUnload: true });
    assert.equal(await dialog, 'beforeunload');

    // The same browser comes back to the form: nothing was kept, and it remembers not to keep.
    const again = await context.newPage();
    await again.goto(server.url('/craylands/form-parent-code.html'));
    await again.waitForSelector('form[data-form][data-ready="true"]', { state: 'attached' });
    assert.equal(await again.locator('#f-parent-name').inputValue(), '');
    assert.equal(await again.locator('#keep-answers').isChecked(), false, 'the choice is remembered');
    await context.close();
  });

  it('without JavaScript the form reads as a paper form to print', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(server.url('/chestnuts/form-parent-agreement.html'));
    assert.match(await page.locator('noscript').first().textContent(), /print this page and fill it in by hand/);
    assert.ok(await page.locator('#f-respect-staff').isVisible(), 'the statements are there');
    assert.match(await page.locator('#field-respect-staff label').textContent(), /Be respectful towards members of staff/);
    assert.equal(await page.locator('.submit-form').isVisible(), false);
    await context.close();
  });

  it('axe finds no WCAG 2.2 AA violations on the forms, with errors, the record and the verify page', async () => {
    const problems = [];
    // Every WCAG rule in the light scheme; in the dark one only colours differ, so only contrast.
    const check = async (page, what) => {
      const dark = what.includes('(dark)');
      const axe = new AxeBuilder({ page });
      const results = await (dark ? axe.withRules(['color-contrast']) : axe.withTags(WCAG_TAGS)).analyze();
      if (results.violations.length) {
        problems.push(`${what}:\n${results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`).join('\n')}`);
      }
    };
    for (const colorScheme of ['light', 'dark']) {
      const { context, page } = await openPage(browser, { colorScheme });
      await page.goto(server.url('/cotton-end/forms.html'));
      await check(page, `forms.html (${colorScheme})`);
      await page.goto(server.url('/cotton-end/verify.html'));
      await page.waitForSelector('form[data-verify][data-ready="true"]', { state: 'attached' });
      await check(page, `verify.html (${colorScheme})`);
      await context.close();
      for (const [school, forms] of Object.entries(FORMS)) {
        for (const form of forms) {
          const opened = await openForm(browser, server, school, form, { colorScheme });
          await check(opened.page, `${school}/${form} (${colorScheme})`);
          await opened.page.locator('.submit-form').click();
          await check(opened.page, `${school}/${form} with errors (${colorScheme})`);
          await opened.context.close();
        }
      }
    }
    for (const colorScheme of ['light', 'dark']) {
      const { context, page } = await openForm(browser, server, 'cotton-end', 'content-report', { colorScheme });
      for (const field of onlineFields(await spec(server, 'cotton-end', 'content-report'))) await fillField(page, field);
      await page.locator('#field-safeguarding').getByLabel('Yes', { exact: true }).check();
      await page.locator('.submit-form').click();
      await page.locator('.check-answers').waitFor({ state: 'visible' });
      await check(page, `check your answers (${colorScheme})`);
      await page.locator('.confirm-record').click();
      await page.locator('.record').waitFor({ state: 'visible' });
      await check(page, `the record (${colorScheme})`);
      await context.close();
    }
    assert.equal(problems.join('\n\n'), '', 'axe violations');
  });
});
