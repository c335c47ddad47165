// Today: log a set (the row is done at once, before the server answers; offline it waits in the queue), the rest
// timer, undo, skip/swap, the RPE switch and the plate calculator. The server decides every target: after a set,
// the page is rendered again with its next-set advice.
import { api, ApiError, formJson, showErrors, clearErrors, refresh } from './api.js';
import * as queue from './queue.js';

const root = () => document.getElementById('today');
const athlete = () => root()?.dataset.athlete;

// ---- logging a set -------------------------------------------------------------------------------------------
function body(form) {
  const f = formJson(form);
  const failure = f.failure === true;
  const formBroke = f.formBreakdown === true;
  const set = {
    date: root().dataset.date,
    exercise: form.dataset.log,
    weight: f.weight,
    unit: root().dataset.unit,
    reps: f.reps,
    failure: failure ? (formBroke ? 'technical' : 'absolute') : 'none',
    formBreakdown: formBroke,
  };
  if (!failure) {
    if (f.rpeMode && f.rpe !== undefined) set.rpe = f.rpe;
    else if (f.rir !== undefined) set.rir = f.rir;
  }
  return set;
}

function markWaiting(row, set) {
  row.dataset.waiting = 'true';
  const form = row.querySelector('form.log');
  if (form) form.hidden = true;
  const later = row.querySelector('details.later');
  if (later) later.hidden = true;
  row.classList.add('done');
  let did = row.querySelector('.did');
  if (!did) {
    did = document.createElement('p');
    did.className = 'did';
    row.append(did);
  }
  const effort = set.failure !== 'none' ? `, ${set.failure} failure` : set.rpe !== undefined ? ` @ RPE ${set.rpe}` : set.rir !== undefined ? ` @ ${set.rir} RIR` : '';
  did.replaceChildren(`Done: ${set.weight} ${set.unit} × ${set.reps}${effort} `, Object.assign(document.createElement('span'), { className: 'badge waiting', textContent: 'Waiting to sync' }));
}

/**
 * Until the server has answered, the next set is the first one not done, with the plan's target: its inputs open,
 * and the next-set card says so (the server's advice replaces it as soon as it is back).
 */
function moveOn() {
  const rows = [...document.querySelectorAll('#today li.set')];
  const next = rows.find((li) => !li.classList.contains('done'));
  for (const li of rows) li.classList.toggle('current', li === next);
  const card = document.getElementById('next');
  if (!card) return;
  for (const reason of card.querySelectorAll('.reason')) reason.hidden = true;
  const h2 = card.querySelector('h2');
  const target = card.querySelector('.target');
  if (!next) {
    if (h2) h2.textContent = 'Every set is logged';
    if (target) target.hidden = true;
    return;
  }
  const later = next.querySelector('details.later');
  if (later) later.open = true;
  // A set with no load of its own starts from the load just logged on the same exercise.
  const weight = next.querySelector('input[name="weight"]');
  const previous = next.previousElementSibling?.querySelector('form.log input[name="weight"]');
  if (weight && weight.value === '' && previous?.value) weight.value = previous.value;
  if (h2) h2.textContent = `Next: ${next.closest('section.exercise').dataset.exercise}, set ${next.dataset.set}`;
  if (target) target.textContent = next.querySelector('.set-target')?.textContent ?? '';
}

/** The queued sets shown on their rows: after a reload offline they are still there, marked as waiting. */
async function showQueued() {
  const r = root();
  if (!r) return;
  const waiting = (await queue.pending(athlete())).filter((i) => i.body.date === r.dataset.date);
  // Marks made before are redone from the queue as it is now (a set sent meanwhile is no longer waiting).
  // A row whose set is being put in the queue right now keeps its mark (the queue does not hold it yet).
  for (const row of r.querySelectorAll('li.set[data-waiting]:not([data-adding])')) {
    delete row.dataset.waiting;
    row.classList.remove('done');
    row.querySelector('.did')?.remove();
    for (const el of row.querySelectorAll('form.log, details.later')) el.hidden = false;
  }
  for (const item of waiting) {
    const section = [...r.querySelectorAll('section.exercise')].find((s) => s.dataset.exercise === item.body.exercise);
    const row = section && [...section.querySelectorAll('li.set')].find((li) => !li.classList.contains('done'));
    if (row) markWaiting(row, item.body);
  }
  if (waiting.length > 0) moveOn();
  showOffline(waiting.length > 0 && !navigator.onLine);
}

function showOffline(offline) {
  const note = document.querySelector('#next .offline-note');
  if (note) note.hidden = !offline;
}

// The sync in progress, if any: undo waits for it, so it acts on the page as the server last rendered it.
let syncing = Promise.resolve();

function sync() {
  syncing = syncing.then(syncOnce, syncOnce);
  return syncing;
}

async function syncOnce() {
  const done = await queue.flush(athlete(), (item, error) => {
    const section = [...document.querySelectorAll('section.exercise')].find((s) => s.dataset.exercise === item.body.exercise);
    const form = section?.querySelector('li.set.done form.log[hidden]') ?? section?.querySelector('form.log');
    if (form) {
      form.hidden = false;
      const later = form.closest('details.later');
      if (later) { later.hidden = false; later.open = true; }
      form.closest('li')?.classList.remove('done');
      form.closest('li')?.querySelector('.did')?.remove();
      showErrors(form, error);
    }
  });
  if (done && navigator.onLine) await refresh();
  else await showQueued();
}

document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.matches('form.log')) return;
  event.preventDefault();
  clearErrors(form);
  if (!form.reportValidity()) return;
  const set = body(form);
  const row = form.closest('li.set');
  row.dataset.adding = 'true';
  markWaiting(row, set);
  logged = true;
  moveOn();
  showOffline(!navigator.onLine);
  startRest(set.failure !== 'none' ? Number(root().dataset.failureRest) : Number(row.dataset.rest));
  try {
    await queue.add(athlete(), set);
  } finally {
    delete row.dataset.adding;
  }
  await sync();
});

// ---- the RPE switch ----------------------------------------------------------------------------------------
document.addEventListener('change', (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.matches('[data-rpe-switch]')) return;
  const form = box.form;
  const input = form.querySelector('.effort input');
  const label = form.querySelector('[data-rir-label]');
  const value = input.value === '' ? null : Number(input.value);
  if (box.checked) {
    input.name = 'rpe'; input.min = '1'; input.max = '10'; label.textContent = 'RPE';
    if (value !== null) input.value = String(Math.min(10, Math.max(1, 10 - value)));
  } else {
    input.name = 'rir'; input.min = '0'; input.max = '10'; label.textContent = 'RIR';
    if (value !== null) input.value = String(Math.max(0, 10 - value));
  }
});

// ---- the rest timer: an end time in localStorage, so it survives a reload or a locked phone ---------------
let ticking = null;

function startRest(seconds) {
  if (!seconds) return;
  localStorage.setItem('failsafe-rest', JSON.stringify({ end: Date.now() + seconds * 1000, seconds }));
  showRest();
}

function stopRest() {
  localStorage.removeItem('failsafe-rest');
  showRest();
}

function showRest() {
  const box = document.getElementById('rest');
  if (!box) return;
  const rest = JSON.parse(localStorage.getItem('failsafe-rest') ?? 'null');
  clearInterval(ticking);
  if (!rest) { box.hidden = true; return; }
  box.hidden = false;
  const tick = () => {
    const left = Math.round((rest.end - Date.now()) / 1000);
    const time = document.getElementById('rest-time');
    if (left <= 0) {
      clearInterval(ticking);
      time.textContent = 'Rest over: next set';
      box.classList.add('over');
      if (Date.now() - rest.end < 5000) alarm();
      return;
    }
    box.classList.remove('over');
    time.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  };
  tick();
  ticking = setInterval(tick, 500);
}

function alarm() {
  navigator.vibrate?.([200, 100, 200]);
  try {
    const audio = new AudioContext();
    const beep = audio.createOscillator();
    beep.frequency.value = 880;
    beep.connect(audio.destination);
    beep.start();
    beep.stop(audio.currentTime + 0.25);
  } catch { /* no sound where the browser allows none */ }
}

document.addEventListener('click', async (event) => {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return;
  if (target.id === 'rest-stop') stopRest();
  if (target.id === 'undo') await undo();
  if (target.matches('[data-plates]')) plates(target.closest('form'));
});

// ---- undo: the last waiting set if any, else the last logged one ------------------------------------------
async function undo() {
  await syncing;
  const button = document.getElementById('undo');
  if (!button) return;
  const waiting = (await queue.pending(athlete())).filter((i) => i.body.date === root().dataset.date);
  if (waiting.length > 0) {
    await queue.remove(waiting.at(-1).seq);
    location.reload();
    return;
  }
  button.disabled = true;
  try {
    await api('DELETE', `/api/sets/${button.dataset.last}`);
    stopRest();
    await refresh();
  } catch (error) {
    showErrors(button.parentElement, error);
  } finally {
    button.disabled = false;
  }
}

// ---- skip, swap, bring back: changes to the day's session (created first if nothing was logged yet) -------
document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.change) return;
  event.preventDefault();
  clearErrors(form);
  const r = root();
  try {
    let { session, version } = r.dataset;
    if (!session) {
      const created = await api('POST', '/api/sessions', { date: r.dataset.date });
      ({ id: session, version } = created);
    }
    await api('POST', `/api/sessions/${session}/changes`, formJson(form), { 'If-Match': `"${version}"` });
    await refresh();
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) { await refresh(); return; }
    showErrors(form, error);
  }
});

// ---- plates per side on the weight typed, from the lifter's bar and plates --------------------------------
function plates(form) {
  const r = root();
  const out = form.querySelector('.plates');
  const weight = Number(form.querySelector('input[name="weight"]').value);
  const toGear = r.dataset.unit === r.dataset.gearUnit ? 1 : r.dataset.unit === 'kg' ? 1 / 0.45359237 : 0.45359237;
  const bar = Number(r.dataset.bar);
  const list = r.dataset.plates.split(' ').map(Number).sort((a, b) => b - a);
  let side = (weight * toGear - bar) / 2;
  out.hidden = false;
  if (!(side >= 0)) { out.textContent = `Less than the bar (${bar} ${r.dataset.gearUnit}).`; return; }
  const used = [];
  for (const p of list) {
    while (side >= p - 1e-9) { used.push(p); side -= p; }
  }
  const rest = Math.round(side * 100) / 100;
  out.textContent = `Per side: ${used.length ? used.join(' + ') : 'nothing'} ${r.dataset.gearUnit} on a ${bar} ${r.dataset.gearUnit} bar` +
    (rest > 0 ? ` (${rest} ${r.dataset.gearUnit} per side cannot be made with your plates)` : '') + '.';
}

addEventListener('online', sync);
// Another tab sent a set: show the log as the server has it now — once things are quiet, and not under the fingers
// of a lifter typing a set (their own log re-renders the page anyway).
let later = null;
function refreshSoon() {
  clearTimeout(later);
  later = setTimeout(async () => {
    if (document.activeElement?.closest('form')) { refreshSoon(); return; }
    await syncing;
    await refresh();
  }, 500);
}
queue.onChange(() => (navigator.onLine ? refreshSoon() : showQueued()));
addEventListener('offline', () => showQueued());
let logged = false;
document.addEventListener('page:updated', () => {
  showQueued();
  showRest();
  // After the lifter's own set, the set to do now, where the thumb is.
  if (logged) document.querySelector('li.set.current')?.scrollIntoView({ block: 'center' });
  logged = false;
});
showQueued();
showRest();
if (navigator.onLine && root()) queue.pending(athlete()).then((p) => p.length > 0 && sync());
