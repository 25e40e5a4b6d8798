// The service worker of a school's pages: keeps every file they use, so they open and work
// with no network. A school's sw.js (made by `postwise build`, crate/src/site/offline.rs) sets
// self.POSTWISE_OFFLINE = { school, version, files } and imports this file. A classic script,
// not a module: importScripts works in every browser with service workers.
//
// - Install: every file is fetched once (one at a time, so a slow link stays usable) into a
//   cache named for the school and the build's version; a hashed asset the previous build kept
//   already (same name, same bytes) is copied, not downloaded again. Then this worker takes
//   over at once, and the previous build's cache is deleted: a new build replaces the old.
// - Requests for the school's files: hashed assets (assets/name.1a2b3c4d.ext, which never
//   change) from the cache first; pages and data from the network first, so a page reloaded
//   online (or by `postwise serve` after a rebuild) is always the newest build, and from the
//   cache when the network fails. A network answer is never written into the cache, which
//   holds exactly one build. Anything else (another site, another school, `postwise serve`'s
//   own /__postwise/ files) passes by untouched.
// - Asked { type: 'version' } on a MessageChannel, it answers its build's version; told
//   { type: 'skip-waiting' }, a waiting worker takes over.

const { school, version, files } = self.POSTWISE_OFFLINE;
const PREFIX = `postwise-offline:${school}:`;
const CACHE = `${PREFIX}${version}`;
// Each file's full URL, without query or fragment.
const urls = files.map((file) => new URL(file, self.location).href);
const known = new Set(urls);
const hashedAsset = (url) => /\/assets\/[^/]+\.[0-9a-f]{8}\.[a-z0-9]+$/.test(new URL(url).pathname);

// A response a navigation can be answered with: a host that redirects (Cloudflare Pages from
// check.html to /check) gives a redirected response, which browsers refuse for navigations.
async function plain(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function keepEverything() {
  const cache = await caches.open(CACHE);
  for (const url of urls) {
    if (await cache.match(url)) continue; // an install that was cut short carries on
    const kept = hashedAsset(url) ? await caches.match(url) : undefined;
    // Pages and data revalidated with the server, so an old copy in the HTTP cache is not kept.
    const response = kept ?? (await fetch(url, { cache: hashedAsset(url) ? 'default' : 'no-cache' }));
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    await cache.put(url, await plain(response));
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(keepEverything().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The file a request is for, if it is one of the school's: `/school/` is its index.html, and
// `/school/check` its check.html (as hosts that drop `.html` serve it).
function fileFor(request) {
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return null;
  const path = `${url.origin}${url.pathname}`;
  for (const candidate of [path, path.endsWith('/') ? `${path}index.html` : `${path}.html`]) {
    if (known.has(candidate)) return candidate;
  }
  return null;
}

async function fromCache(file) {
  return (await caches.open(CACHE)).match(file);
}

async function cacheFirst(request, file) {
  return (await fromCache(file)) ?? fetch(request);
}

async function networkFirst(request, file) {
  try {
    const response = await fetch(request);
    // A host that is down answers 5xx: the kept copy is better.
    if (response.status < 500) return response;
    return (await fromCache(file)) ?? response;
  } catch (error) {
    const kept = await fromCache(file);
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const file = fileFor(event.request);
  if (!file) return;
  event.respondWith(hashedAsset(file) ? cacheFirst(event.request, file) : networkFirst(event.request, file));
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'version') event.ports[0]?.postMessage(version);
  // From a page's "Load the new version", when this worker is still waiting (see offline.js).
  if (event.data?.type === 'skip-waiting') self.skipWaiting();
});
