// The "Class tablets" page: turns class mode on (with a PIN the teacher chooses) and off (with
// that PIN) through the shared module class-mode.js. After three wrong PINs, the next try waits
// a minute, kept across reloads, so guessing the PIN takes a pupil longer than a lesson.

const { classModeOn, turnOn, turnOff, canUsePin, PIN_PATTERN } = await import(document.querySelector('script[data-class-mode]').src);

const page = document.querySelector('[data-class-page]');
const state = page.querySelector('[data-class-state]');
const onForm = page.querySelector('[data-class-on]');
const offForm = page.querySelector('[data-class-off]');
const badge = document.querySelector('[data-class-mode-badge]');
const WAIT_KEY = 'postwise:class-mode-wait';
const FREE_TRIES = 3;
const WAIT_MS = 60_000;

function showError(input, message) {
  const error = document.getElementById(`${input.id}-error`);
  error.textContent = message;
  error.hidden = !message;
  if (message) {
    input.setAttribute('aria-describedby', error.id);
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  } else {
    input.removeAttribute('aria-describedby');
    input.removeAttribute('aria-invalid');
  }
}

function show(said) {
  const on = classModeOn();
  if (badge) badge.hidden = !on;
  onForm.hidden = on;
  offForm.hidden = !on;
  state.textContent = said ?? (on ? 'Class mode is on for this device.' : 'Class mode is off for this device.');
  for (const input of page.querySelectorAll('input')) input.value = '';
}

// Wrong tries so far and when the last was, kept so a reload does not wipe them.
function tries() {
  try {
    const saved = JSON.parse(localStorage.getItem(WAIT_KEY) ?? 'null');
    return saved && Number.isInteger(saved.wrong) ? saved : { wrong: 0, at: 0 };
  } catch {
    return { wrong: 0, at: 0 };
  }
}

onForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const pin = onForm.elements.namedItem('class-pin');
  const again = onForm.elements.namedItem('class-pin-again');
  if (!PIN_PATTERN.test(pin.value)) return showError(pin, 'Choose a PIN of 4 to 8 digits.');
  if (again.value !== pin.value) return showError(pin, 'The two PINs are not the same. Type the PIN twice.');
  showError(pin, '');
  await turnOn(pin.value);
  show('Class mode is on for this device. Nothing pupils type or score is kept once they finish.');
});

offForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const pin = offForm.elements.namedItem('class-off-pin');
  const { wrong, at } = tries();
  const wait = wrong >= FREE_TRIES ? at + WAIT_MS - Date.now() : 0;
  if (wait > 0) return showError(pin, `Too many wrong PINs. Try again in ${Math.ceil(wait / 1000)} seconds.`);
  if (!(await turnOff(pin.value))) {
    localStorage.setItem(WAIT_KEY, JSON.stringify({ wrong: wrong + 1, at: Date.now() }));
    return showError(pin, 'That is not the PIN class mode was turned on with.');
  }
  localStorage.removeItem(WAIT_KEY);
  showError(pin, '');
  show('Class mode is off for this device.');
});

document.querySelector('[data-class-needs-script]').hidden = true;
if (canUsePin()) {
  page.hidden = false;
  show();
} else {
  const note = document.querySelector('[data-class-needs-script]');
  note.querySelector('p').textContent = 'Class mode needs the site to be on https:// (its PIN is kept scrambled, which browsers allow only there).';
  note.hidden = false;
}
