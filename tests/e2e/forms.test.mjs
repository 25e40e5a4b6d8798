// "Read and sign": every school's forms in Chromium. Each form is filled as a person would:
// submitted empty (the error summary links to every required field, each error beside its
// field), fixed, reloaded half-way (the answers come back), and turned into a record that
// downloads; the verify page accepts the record and rejects an edited copy. axe-core checks
// the pages, with errors showing too.
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

async function makeRecordAndDownload(page, dir) {
  await page.locator('.submit-form').click();
  await page.locator('.record').waitFor({ state: 'visible' });
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
  const heading = await page.locator('.verify-result h2').textContent();
  const text = await page.locator('.verify-result').textContent();
  assert.deepEqual(log.consoleErrors, []);
  await context.close();
  return { heading, text };
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

  it('the verify page accepts a record, and rejects an edited copy and a file that is not a record', async () => {
    const { context, page } = await openForm(browser, server, 'chestnuts', 'parent-agreement');
    for (const field of onlineFields(await spec(server, 'chestnuts', 'parent-agreement'))) await fillField(page, field);
    const { path, text } = await makeRecordAndDownload(page, dir);
    await context.close();

    const intact = await verifyFile(browser, server, 'chestnuts', path);
    assert.equal(intact.heading, 'This record is intact');
    assert.match(intact.text, /which is the current version/);

    const edited = join(dir, 'edited.json');
    writeFileSync(edited, text.replace('"Sam Jones"', '"Sam Jonas"'));
    assert.notEqual(readFileSync(edited, 'utf8'), text);
    const changed = await verifyFile(browser, server, 'chestnuts', edited);
    assert.equal(changed.heading, 'This record has been changed');

    const added = join(dir, 'added.json');
    writeFileSync(added, text.replace('{', '{\n  "approved": true,'));
    assert.equal((await verifyFile(browser, server, 'chestnuts', added)).heading, 'This record has been changed');

    const notJson = join(dir, 'notes.json');
    writeFileSync(notJson, 'Signed by Sam on Tuesday');
    assert.equal((await verifyFile(browser, server, 'chestnuts', notJson)).heading, 'This is not a record');

    const otherSchool = await verifyFile(browser, server, 'cotton-end', path);
    assert.equal(otherSchool.heading, 'This record is intact');
    assert.match(otherSchool.text, /for another school/);
  });

  it('says how to fix a date that does not exist and a web address that is not complete', async () => {
    const { context, page } = await openForm(browser, server, 'cotton-end', 'access-request');
    await page.locator('#f-date').fill('31');
    await page.locator('#f-date-month').fill('2');
    await page.locator('#f-date-year').fill('2025');
    await page.locator('#f-url').fill('www.example.com');
    await page.locator('.submit-form').click();
    assert.equal(await page.locator('#f-date-error').textContent(), 'Error: Date: the date must be a real date: February 2025 has 28 days');
    assert.match(await page.locator('#f-url-error').textContent(), /starting with https:\/\/ or http:\/\//);
    assert.equal(await page.locator('#f-url').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#f-url').getAttribute('aria-describedby'), /f-url-error/);
    await page.locator('#f-url').fill('https://www.example.com');
    await page.locator('#f-date').fill('28');
    await page.locator('.submit-form').click();
    const hrefs = (await errorSummary(page)).map((e) => e.href);
    assert.ok(!hrefs.includes('#f-url') && !hrefs.includes('#f-date'), `fixed fields have no error: ${hrefs}`);
    assert.equal(await page.locator('#f-url-error').isHidden(), true);
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
    const { context, page } = await openForm(browser, server, 'cotton-end', 'content-report');
    for (const field of onlineFields(await spec(server, 'cotton-end', 'content-report'))) await fillField(page, field);
    await page.locator('.submit-form').click();
    await page.locator('.record').waitFor({ state: 'visible' });
    await check(page, 'the record (light)');
    await context.close();
    assert.equal(problems.join('\n\n'), '', 'axe violations');
  });
});
