// Makes the PNG icons a home screen needs from icon.svg's picture, with Debian's Chromium:
// icon-192.png and icon-512.png as the logo is (rounded corners, see-through outside them),
// icon-maskable-512.png and icon-180.png (Safari's apple-touch-icon) edge to edge, the picture
// inside the middle 80% so a launcher may cut the square into any shape.
//
//   node www/img/make-icons.mjs      (needs tests/e2e's npm packages: cd tests/e2e && npm ci)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../tests/e2e/package.json'));
const { chromium } = require('playwright-core');

const logo = readFileSync(join(here, 'icon.svg'), 'utf8');
const picture = logo.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '').replace(/<rect[^>]*\/>/, '');
const blue = logo.match(/<rect[^>]*fill="([^"]+)"/)[1];
// The picture at 80% of the square, centred, on the logo's blue from edge to edge.
const fullBleed = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${blue}"/><g transform="translate(16 16) scale(0.8) translate(-16 -17.5)">${picture}</g></svg>`;

const icons = [
  ['icon-192.png', 192, logo],
  ['icon-512.png', 512, logo],
  ['icon-maskable-512.png', 512, fullBleed],
  ['icon-180.png', 180, fullBleed],
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
for (const [file, size, svg] of icons) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
  writeFileSync(join(here, file), await page.locator('svg').screenshot({ omitBackground: true }));
  await page.close();
  console.log(`${file}: ${size} by ${size}`);
}
await browser.close();
