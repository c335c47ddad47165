// Sets waiting to be sent: kept in IndexedDB (they survive a reload, a closed tab, a dead battery), each with its
// Idempotency-Key, sent strictly in the order logged. The server records a key once, so a set sent twice (a
// retry after a lost answer, two tabs flushing together) is still one set.
import { api, ApiError } from './api.js';

const DB = 'failsafe';
const STORE = 'pending-sets';

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, work) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result?.result ?? result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Every waiting set of this lifter (all when athlete is absent), oldest first: { seq, key, athlete, body, at }. */
export const pending = async (athlete) => (await run('readonly', (s) => s.getAll())).filter((i) => athlete === undefined || i.athlete === athlete);

/** Queues a set for the lifter (athlete id): another lifter signing in on this phone never sends it as theirs. */
export const add = (athlete, body) => run('readwrite', (s) => s.add({ key: crypto.randomUUID(), athlete, body, at: Date.now() }));

// Tabs share the queue: each tells the others when a set left it, so none shows a sent set as waiting.
const channel = 'BroadcastChannel' in self ? new BroadcastChannel('failsafe-queue') : null;

/** Calls back when another tab sent (or dropped) a waiting set. */
export function onChange(callback) {
  channel?.addEventListener('message', callback);
}

export async function remove(seq) {
  await run('readwrite', (s) => s.delete(seq));
  channel?.postMessage('removed');
}

let flushing = null;

/**
 * Sends the waiting sets in order; stops at the first that cannot be sent for want of a connection (it stays, and
 * so does everything after it). A set the server refuses (its answer names why) is taken out and handed to
 * onRefused. Resolves to true when nothing is left waiting. One flush at a time per tab; tabs may overlap (keys).
 */
export function flush(athlete, onRefused = () => {}) {
  flushing ??= (async () => {
    try {
      for (const item of await pending(athlete)) {
        try {
          await api('POST', '/api/sets', item.body, { 'Idempotency-Key': item.key });
        } catch (error) {
          if (!(error instanceof ApiError) || error.status >= 500 || error.status === 429 || error.status === 401) return false;
          onRefused(item, error);
        }
        await remove(item.seq);
      }
      return true;
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}
