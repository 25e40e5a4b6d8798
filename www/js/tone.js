// The tone tier for the "Check a post" page: a second file (the tone model, about 1 MB) that
// the page fetches once the word-level checker is ready, so the checker is as quick to start as
// before, and that reads the draft's tone when typing pauses rather than on every keystroke.
// The file's name carries its content hash, so the browser's cache keeps it between visits.
//
//   import { loadTone, whenTypingPauses } from './tone.js';
//   await loadTone(checker, page.dataset.tone);         // checker.hasTone() is now true
//   const later = whenTypingPauses(() => { ... checker.checkTone(text, context) ... });
//   form.addEventListener('input', later);

/** Fetches the tone model at `url` and loads it into `checker` (a PostChecker). */
export async function loadTone(checker, url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the tone model could not be loaded (${response.status})`);
  checker.loadTone(new Uint8Array(await response.arrayBuffer()));
}

/**
 * A function to call on every change: it runs `callback` once no change has come for `delay`
 * milliseconds (typing has paused), and `cancel()` drops a run that is still waiting.
 */
export function whenTypingPauses(callback, delay = 400) {
  let timer = 0;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(callback, delay);
  };
  later.cancel = () => clearTimeout(timer);
  return later;
}
