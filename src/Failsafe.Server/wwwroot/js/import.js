// Import: the export file goes to POST /api/import (the app detected from the file, or ?from=app) with XMLHttpRequest (fetch reports no upload progress),
// as the file itself (text/csv) with the antiforgery token; then the API's summary in words, or its error.
import { api, ApiError, showErrors, clearErrors } from './api.js';

const MB = 1024 * 1024;
const token = () => document.querySelector('meta[name="xsrf"]')?.content ?? '';
const size = (bytes) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
const count = (n, one, many = `${one}s`) => `${Number(n).toLocaleString()} ${n === 1 ? one : many}`;

/** Sends the file; progress(loaded, total) while it goes up, uploaded() once it is all sent. Resolves to the answer. */
function send(url, file, progress, uploaded) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('X-XSRF-TOKEN', token());
    xhr.upload.onprogress = (e) => progress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.upload.onload = uploaded;
    xhr.onload = () => {
      let json = null;
      try { json = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { json = null; }
      resolve({ status: xhr.status, json });
    };
    xhr.onerror = () => reject(new TypeError('The connection dropped.'));
    xhr.onabort = () => reject(new TypeError('The upload was stopped.'));
    xhr.send(file);
  });
}

/** The upload, once more with a fresh token when the page's has expired (a page kept long in a pocket). */
async function upload(url, file, progress, uploaded) {
  let answer = await send(url, file, progress, uploaded);
  if (answer.status === 400 && /^Antiforgery/.test(answer.json?.title ?? '')) {
    const fresh = await api('GET', '/account/antiforgery');
    document.querySelector('meta[name="xsrf"]')?.setAttribute('content', fresh.token);
    answer = await send(url, file, progress, uploaded);
  }
  return answer;
}

/** The API's error in words: what is wrong with the file, and that nothing was stored. */
function problem(status, json, file, max) {
  if (status === 413) return new ApiError(status, { detail: `${file.name} is ${size(file.size)}: the largest file that can be imported is ${size(max)}. Nothing was stored.` });
  if (status === 422) return new ApiError(status, { detail: `${json?.title ?? 'The file cannot be imported; nothing was stored'}: ${json?.detail ?? ''}`.replace(/: $/, '.') });
  return new ApiError(status, json ?? { detail: `The server answered ${status}: nothing was stored.` });
}

const date = (text) => {
  const [y, m, d] = String(text).slice(0, 10).split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
};

const el = (tag, text, className) => Object.assign(document.createElement(tag), { textContent: text, ...(className ? { className } : {}) });

/** The summary the API answered, in sentences. */
function summary(result, fileName) {
  const parts = [];
  const dry = result.dryRun;
  if (result.workouts > 0) {
    const span = result.first && result.last ? (date(result.first) === date(result.last) ? ` on ${date(result.first)}` : `, from ${date(result.first)} to ${date(result.last)}`) : '';
    parts.push(el('p', `${dry ? 'Would add' : 'Added'} ${count(result.workouts, 'workout')} with ${count(result.sets, 'set')}${span}.`, 'lead-result'));
  } else {
    parts.push(el('p', dry ? 'Nothing new to add: every workout in this file is already in your log, or it holds none.' : 'Nothing was added: every workout in this file is already in your log, or it holds none.', 'lead-result'));
  }
  const notes = [];
  if (result.duplicateWorkouts > 0) notes.push(`Skipped ${count(result.duplicateWorkouts, 'workout')} (${count(result.duplicateSets, 'set')}) already in your log from an earlier import.`);
  if (result.setsWithoutReps > 0) notes.push(`Left out ${count(result.setsWithoutReps, 'set')} without reps (timed, distance or cardio sets, such as planks or rowing): the coaching rules need reps.`);
  if (result.otherRows > 0) notes.push(`Left out ${count(result.otherRows, 'row')} that ${result.otherRows === 1 ? 'is not a set' : 'are not sets'} (rest timers, notes, planned sets not done).`);
  if (notes.length > 0) {
    const list = el('ul', '');
    list.append(...notes.map((n) => el('li', n)));
    parts.push(list);
  }
  if (result.unmatched?.length > 0) {
    parts.push(el('h3', 'Exercises Failsafe does not know'));
    parts.push(el('p', `${dry ? 'They would be added' : 'They were added'} as your own exercises, and never go to failure until they are classified:`, 'hint'));
    const list = el('ul', '');
    list.append(...result.unmatched.map((u) => el('li', `${u.name}: ${count(u.sets, 'set')}${u.created ? '' : ' (already among your exercises)'}`)));
    parts.push(list);
  }
  const buttons = el('div', '', 'buttons');
  if (dry && result.workouts > 0) {
    const now = el('button', `Import ${fileName} now`, 'primary');
    now.type = 'button';
    now.dataset.importNow = 'true';
    buttons.append(now);
  } else if (!dry && result.workouts > 0) {
    buttons.append(Object.assign(el('a', 'See it in History', 'button'), { href: '/history' }));
  }
  buttons.append(Object.assign(el('a', 'Back to Today', 'button'), { href: '/today' }));
  parts.push(buttons);
  return parts;
}

async function submit(form) {
  const box = document.getElementById('import-progress-box');
  const bar = document.getElementById('import-progress');
  const status = document.getElementById('import-status');
  const result = document.getElementById('import-result');
  const max = Number(form.dataset.max);
  clearErrors(form);
  result.hidden = true;
  const file = form.elements.file.files[0];
  if (!file) {
    showErrors(form, new ApiError(400, { detail: 'Choose the export file first.' }));
    form.elements.file.setAttribute('aria-invalid', 'true');
    return;
  }
  if (file.size > max) {
    showErrors(form, new ApiError(413, { detail: `${file.name} is ${size(file.size)}: the largest file that can be imported is ${size(max)}. Nothing was sent.` }));
    form.elements.file.setAttribute('aria-invalid', 'true');
    return;
  }
  const source = form.querySelector('input[name="source"]:checked')?.value ?? '';
  const dryRun = form.elements.dryRun.checked;
  const from = source ? `from=${encodeURIComponent(source)}&` : '';
  const url = `/api/import?${from}unit=${encodeURIComponent(form.elements.unit.value)}${dryRun ? '&dryRun=true' : ''}`;
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  box.hidden = false;
  bar.value = 0;
  status.textContent = `Uploading ${file.name}…`;
  try {
    const answer = await upload(url, file,
      (loaded, total) => {
        bar.value = total > 0 ? Math.round((loaded / total) * 100) : 0;
        status.textContent = `Uploading: ${bar.value}% (${size(loaded)} of ${size(total)})`;
      },
      () => {
        bar.value = 100;
        status.textContent = dryRun ? 'Uploaded. Checking the file…' : 'Uploaded. Importing: a large file takes a moment…';
      });
    if (answer.status < 200 || answer.status >= 300) {
      box.hidden = true;
      const error = problem(answer.status, answer.json, file, max);
      showErrors(form, error);
      // A file the API cannot read is the file's fault: the file field is marked (as any field the API names).
      const fields = Object.keys(error.problem.errors ?? {});
      for (const field of answer.status === 422 || answer.status === 413 ? ['file', ...fields] : fields) form.elements[field]?.setAttribute?.('aria-invalid', 'true');
      return;
    }
    status.textContent = dryRun ? 'Checked: nothing was stored.' : 'Done.';
    document.getElementById('import-result-title').textContent = dryRun ? `Checked ${file.name}: nothing stored` : `Imported ${file.name}`;
    document.getElementById('import-summary').replaceChildren(...summary(answer.json, file.name));
    result.hidden = false;
    result.focus();
  } catch (error) {
    box.hidden = true;
    showErrors(form, error instanceof TypeError ? new ApiError(0, { detail: `${error.message} Nothing was stored: try again when the connection is back.` }) : error);
  } finally {
    button.disabled = false;
  }
}

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.id !== 'import') return;
  event.preventDefault();
  submit(form);
});

document.addEventListener('click', (event) => {
  if (!event.target.closest?.('[data-import-now]')) return;
  const form = document.getElementById('import');
  form.elements.dryRun.checked = false;
  form.requestSubmit();
});

document.addEventListener('change', (event) => {
  if (event.target.name === 'file') event.target.removeAttribute('aria-invalid');
});

// Sent by this script only: the button waits for it, so a tap while it loads cannot submit the form natively.
for (const button of document.querySelectorAll('#import button[data-ready]')) button.disabled = false;
