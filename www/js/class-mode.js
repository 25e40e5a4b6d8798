// Class mode: a tablet a teacher has set up for a class to share, one pupil after another.
// While it is on, nothing a pupil types or scores is kept once they finish, and "Next pupil"
// clears the page for the next one. It is a setting of the device (this browser, for this
// site), turned on and off on the school's "Class tablets" page (class.js) with a PIN the
// teacher chooses, so a pupil cannot turn it off by tapping around.
//
// Every school page loads this module (base.html: <script data-class-mode>), which shows the
// "Class tablet" note in the header. A page's own script gets the same module (the same URL,
// so nothing is downloaded twice) with
//
//   const { classModeOn, forgetPupil } = await import(document.querySelector('script[data-class-mode]').src);
//
// and keeps nothing of a pupil's when classModeOn() is true.

/** Where the setting is kept: `{ on: true, salt, pin }`, `pin` the SHA-256 of salt and PIN. */
export const CLASS_MODE_KEY = 'postwise:class-mode';

/** A PIN: 4 to 8 digits. */
export const PIN_PATTERN = /^[0-9]{4,8}$/;

function setting() {
  try {
    const saved = JSON.parse(localStorage.getItem(CLASS_MODE_KEY) ?? 'null');
    return saved && saved.on === true && typeof saved.salt === 'string' && typeof saved.pin === 'string' ? saved : null;
  } catch {
    return null;
  }
}

/** Whether this device is a class tablet. */
export function classModeOn() {
  return setting() !== null;
}

async function hash(salt, pin) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}:${pin}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether this browser can keep a PIN safely (crypto.subtle needs https or this computer). */
export function canUsePin() {
  return Boolean(globalThis.crypto?.subtle);
}

/** Turns class mode on with `pin` (4 to 8 digits), forgetting anything kept before. */
export async function turnOn(pin) {
  if (!PIN_PATTERN.test(pin)) throw new Error('The PIN must be 4 to 8 digits.');
  const salt = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  forgetPupil();
  localStorage.setItem(CLASS_MODE_KEY, JSON.stringify({ on: true, salt, pin: await hash(salt, pin) }));
}

/** Turns class mode off if `pin` is the one it was turned on with; says whether it was. */
export async function turnOff(pin) {
  const saved = setting();
  if (!saved) return true;
  if ((await hash(saved.salt, pin)) !== saved.pin) return false;
  localStorage.removeItem(CLASS_MODE_KEY);
  return true;
}

/**
 * Forgets everything the site keeps of whoever used the device last: every `postwise:` entry in
 * localStorage but class mode's own (its setting, and the count of wrong PINs), sessionStorage,
 * and the site's IndexedDB databases.
 * The offline copy of the site's own files (Cache Storage) stays: it holds nobody's answers.
 */
export function forgetPupil() {
  try {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith('postwise:') && !key.startsWith(CLASS_MODE_KEY)) localStorage.removeItem(key);
    }
    sessionStorage.clear();
  } catch {
    // Storage is off: nothing was kept.
  }
  indexedDB?.databases?.().then(
    (databases) => databases.filter((d) => d.name?.startsWith('postwise')).forEach((d) => indexedDB.deleteDatabase(d.name)),
    () => {},
  );
}

/**
 * "Next pupil": forgets the last pupil and opens `url` afresh in place of this page, so neither
 * a reload nor the Back button brings their answers back.
 */
export function nextPupil(url = location.href) {
  forgetPupil();
  location.replace(url);
}

const badge = document.querySelector('[data-class-mode-badge]');
if (badge) badge.hidden = !classModeOn();
