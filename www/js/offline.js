// Offline use of a school's pages. Once the page has loaded (and anything it runs in
// WebAssembly is ready, so nothing competes with it for a slow network), this registers the
// school's service worker, sw.js beside the page (crate/src/site/offline.rs makes it; its
// code is offline-worker.js), which keeps every file of the school's pages so they open and
// work with no network.
//
// When a new build has been kept while this page is open (the worker replaces itself), the
// page compares the worker's version with its own (<meta name="postwise-build">) and, if
// this page is the older, says a new version is ready, with a button to load it. It never
// reloads by itself: a pupil may be halfway through a quiz. A new worker may also be left
// waiting (Chromium holds it back while the old one still answers a request of some open
// page): the page offers its version all the same, and the button tells it to take over.
//
// It also marks <html data-offline="ready"> while the worker holding this very build controls
// the page, and fills any [data-offline-status] with what it knows, for the "Class tablets" page.

const build = document.querySelector('meta[name="postwise-build"]')?.content;
const notice = document.querySelector('[data-update-notice]');
const statusNodes = document.querySelectorAll('[data-offline-status]');
// The worker that answered this page's own request, if any.
const servedBy = navigator.serviceWorker?.controller ?? null;
// How long to wait for the page's WebAssembly before keeping the site's files anyway.
const READY_TIMEOUT = 20_000;
// How often an open page asks whether there is a new build.
const UPDATE_EVERY = 30 * 60_000;
// How long "Load the new version" waits for a waiting worker to take over before reloading.
const TAKE_OVER_TIMEOUT = 3000;

function say(text) {
  for (const node of statusNodes) node.textContent = text;
}

function loaded() {
  return document.readyState === 'complete' ? Promise.resolve() : new Promise((done) => addEventListener('load', done, { once: true }));
}

// Resolves when every element that loads WebAssembly ([data-wasm]) has data-ready, or after
// READY_TIMEOUT (an element that failed to start never gets it).
function pageReady() {
  const waiting = () => [...document.querySelectorAll('[data-wasm]')].some((node) => !node.dataset.ready);
  if (!waiting()) return Promise.resolve();
  return new Promise((done) => {
    const observer = new MutationObserver(() => {
      if (!waiting()) finish();
    });
    const timer = setTimeout(finish, READY_TIMEOUT);
    function finish() {
      observer.disconnect();
      clearTimeout(timer);
      done();
    }
    observer.observe(document.body, { attributes: true, attributeFilter: ['data-ready'], subtree: true });
  });
}

// The version of the build `worker` keeps, or null if it does not answer.
function versionOf(worker) {
  return new Promise((done) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => done(null), 3000);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      done(typeof event.data === 'string' ? event.data : null);
    };
    worker.postMessage({ type: 'version' }, [channel.port2]);
  });
}

function offerNewVersion(waiting = null) {
  if (!notice || notice.childElementCount > 0) return;
  const text = document.createElement('p');
  text.textContent = 'A new version of this site is ready. ';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button-secondary';
  button.textContent = 'Load the new version';
  button.addEventListener('click', async () => {
    if (waiting) {
      // Reload once the waiting worker has taken over, or the old one would answer the reload
      // with the old build; after TAKE_OVER_TIMEOUT, reload all the same.
      const tookOver = new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
      waiting.postMessage({ type: 'skip-waiting' });
      await Promise.race([tookOver, new Promise((done) => setTimeout(done, TAKE_OVER_TIMEOUT))]);
    }
    location.reload();
  });
  text.append(button);
  notice.append(text);
}

// What the worker now in charge keeps, against this page's own build. A page the worker in
// charge served itself, from its files or the network, is as new as that worker's build or
// newer; only a worker that took over since may hold a newer build than the page.
async function compare() {
  const worker = navigator.serviceWorker.controller;
  if (!worker) return;
  const version = await versionOf(worker);
  if (version === build) {
    document.documentElement.dataset.offline = 'ready';
    say('This school’s pages are saved on this device: they open and work with no internet.');
  } else if (version && worker !== servedBy) {
    // The worker in charge no longer holds this page's build.
    delete document.documentElement.dataset.offline;
    offerNewVersion();
    say('A newer version of this school’s pages is saved on this device. Load it to use it.');
  }
}

async function register() {
  await loaded();
  await pageReady();
  say('Saving this school’s pages on this device…');
  let registration;
  try {
    registration = await navigator.serviceWorker.register('sw.js');
  } catch {
    say('This browser could not save the pages for use with no internet.');
    return;
  }
  navigator.serviceWorker.addEventListener('controllerchange', compare);
  // The worker in charge may have changed while the page loaded, or hold this very build.
  compare();
  // A new build kept but left waiting, now or later.
  const offerWaiting = async () => {
    const waiting = registration.waiting;
    if (!waiting || !navigator.serviceWorker.controller) return;
    const version = await versionOf(waiting);
    if (version && version !== build) offerNewVersion(waiting);
  };
  offerWaiting();
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') offerWaiting();
    });
  });
  const check = () => registration.update().catch(() => {});
  addEventListener('online', check);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
  setInterval(check, UPDATE_EVERY);
}

if (!build || !('serviceWorker' in navigator)) {
  say('This browser cannot save the pages for use with no internet (it needs a service worker, and the site on https).');
} else {
  register();
}
