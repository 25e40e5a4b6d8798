// The policy page: a link to a clause lands with the clause and the sentence that leads into
// it in view ("When posting images, the school will:" above its list), at once. Without this
// script the browser puts the clause itself at the top, which is still readable.

const MARGIN = 16;

// The paragraph or item a list item's list hangs from, if the policy has one.
function leadIn(clause) {
  const list = clause.parentElement;
  if (clause.tagName !== 'LI' || !list) return null;
  const parentItem = list.parentElement?.closest('li[id]');
  if (parentItem && parentItem.contains(list)) return parentItem;
  const before = list.previousElementSibling;
  return before && before.id ? before : null;
}

function showTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  const clause = id && document.getElementById(id);
  if (!clause || !clause.closest('.policy')) return;
  const lead = leadIn(clause);
  const top = (lead ?? clause).getBoundingClientRect().top + window.scrollY - MARGIN;
  const bottom = clause.getBoundingClientRect().bottom + window.scrollY;
  // The lead-in too when both fit; the clause alone at the top when they do not.
  const from = lead && bottom - top <= window.innerHeight ? top : clause.getBoundingClientRect().top + window.scrollY - MARGIN;
  window.scrollTo({ top: Math.max(0, from), behavior: 'instant' });
}

window.addEventListener('hashchange', showTarget);
// The browser scrolls to the clause as the page loads; this follows it.
showTarget();
window.addEventListener('load', showTarget, { once: true });
