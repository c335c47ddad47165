// Every change the web app makes goes through the JSON API, as any other client's does: same-origin cookie plus
// the antiforgery token the page carries in <meta name="xsrf">.
import { Idiomorph } from '/lib/idiomorph/idiomorph.esm.js';

const token = () => document.querySelector('meta[name="xsrf"]')?.content ?? '';

/** An answer that is not 2xx: its ProblemDetails (title, detail, errors by field) and status. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem ?? {};
  }

  /** Every message, each with the field it is about ("Reps: 0 is out of range"), named by the form's label when it has one. */
  messages(form) {
    const errors = this.problem.errors ?? {};
    const label = (field) => {
      const el = form && [...form.elements].find((e) => e.name && e.name.toLowerCase() === field.toLowerCase());
      const legend = el?.closest('fieldset')?.querySelector('legend')?.textContent?.trim();
      const text = el?.type === 'radio' || el?.type === 'checkbox' ? legend : el?.labels?.[0]?.textContent?.trim() || legend;
      return text || field;
    };
    const list = Object.entries(errors).flatMap(([field, msgs]) => msgs.map((m) => (/^[A-Z]/.test(field) ? m : `${label(field)}: ${m}`)));
    return list.length > 0 ? list : [this.message];
  }
}

/** Calls the API; resolves to the parsed JSON (or null), rejects with ApiError, or TypeError when offline. */
export async function api(method, url, body, headers = {}) {
  try {
    return await send(method, url, body, headers);
  } catch (error) {
    // A page kept for long (offline, in the service worker's cache) may hold an expired token: fetch a fresh one, once.
    if (!(error instanceof ApiError) || error.status !== 400 || !/^Antiforgery/.test(error.problem.title ?? '')) throw error;
    const fresh = await send('GET', '/account/antiforgery');
    document.querySelector('meta[name="xsrf"]')?.setAttribute('content', fresh.token);
    return await send(method, url, body, headers);
  }
}

async function send(method, url, body, headers = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...headers } };
  if (method !== 'GET') init.headers['X-XSRF-TOKEN'] = token();
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/** A form's fields as the API's JSON: numbers for data-type="number", booleans for checkboxes, nested names by dots, empty left out. */
export function formJson(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled || el.name.startsWith('__')) continue;
    if ((el.type === 'radio') && !el.checked) continue;
    let value;
    if (el.type === 'checkbox') {
      if (el.dataset.list) { if (!el.checked) continue; value = el.value; }
      else value = el.checked;
    } else if (el.tagName === 'SELECT' && el.multiple) value = [...el.selectedOptions].map((o) => o.value);
    else {
      value = el.value.trim();
      if (value === '') continue;
      if (el.dataset.type === 'number') value = Number(value);
    }
    const path = el.name.split('.');
    let target = out;
    for (const part of path.slice(0, -1)) target = target[part] ??= {};
    const last = path.at(-1);
    if (el.dataset.list) (target[last] ??= []).push(value);
    else target[last] = value;
  }
  for (const el of form.querySelectorAll('[data-list-join]')) {
    const list = out[el.dataset.listJoin];
    if (Array.isArray(list)) out[el.dataset.listJoin] = list.join(',');
  }
  return out;
}

/** Shows an error under a form: every message in words, each field it names marked invalid. */
export function showErrors(form, error) {
  let box = form.querySelector('.form-error');
  if (!box) {
    box = document.createElement('div');
    box.className = 'form-error';
    box.setAttribute('role', 'alert');
    form.prepend(box);
  }
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  const messages = error instanceof ApiError ? error.messages(form) : ['No connection: nothing was changed. Try again when you are back online.'];
  box.replaceChildren(...messages.map((m) => Object.assign(document.createElement('p'), { textContent: m })));
  const fields = error instanceof ApiError ? Object.keys(error.problem.errors ?? {}) : [];
  for (const field of fields) {
    const el = [...form.elements].find((e) => e.name && e.name.toLowerCase() === field.toLowerCase());
    el?.setAttribute('aria-invalid', 'true');
  }
  box.hidden = false;
  box.focus?.();
}

export function clearErrors(form) {
  const box = form.querySelector('.form-error');
  if (box) box.hidden = true;
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
}

/** Brings the page's main content up to a fresh render of the same address (keeps scroll, focus and what is being typed). */
export async function refresh() {
  const response = await fetch(location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
  if (!response.ok) return false;
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  const fresh = doc.querySelector('main');
  const main = document.querySelector('main');
  if (!fresh || !main) return false;
  // What the lifter has typed or ticked and not yet sent stays as it was (another tab's set re-renders this one).
  const edited = [...main.querySelectorAll('input[id], select[id], textarea[id]')]
    .filter((el) => (el.type === 'checkbox' || el.type === 'radio' ? el.checked !== el.defaultChecked : el.value !== el.defaultValue))
    .map((el) => [el.id, el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value]);
  const open = [...main.querySelectorAll('details[id]')].map((d) => [d.id, d.open]);
  const xsrf = doc.querySelector('meta[name="xsrf"]')?.content;
  if (xsrf) document.querySelector('meta[name="xsrf"]')?.setAttribute('content', xsrf);
  // Morphed in place rather than replaced: the input under the lifter's fingers, its caret and selection, and a
  // button being tapped stay the same elements, so nothing typed or tapped during a re-render is lost (replacing
  // the children once turned a weight being typed into "6060" and dropped taps).
  Idiomorph.morph(main, [...fresh.childNodes], { morphStyle: 'innerHTML', ignoreActiveValue: true });
  for (const [id, isOpen] of open) {
    const el = document.getElementById(id);
    if (el) el.open = isOpen;
  }
  // The row being typed into stays open even when the re-render made it a later one (another device's set moved the
  // next set elsewhere): closing it would hide the field under the lifter's fingers.
  for (const el of [document.activeElement, ...edited.map(([id]) => document.getElementById(id))]) {
    const details = el && main.contains(el) ? el.closest('details') : null;
    if (details) details.open = true;
  }
  for (const [id, value] of edited) {
    const el = document.getElementById(id);
    if (!el || el === document.activeElement) continue;
    if (typeof value === 'boolean') el.checked = value;
    else el.value = value;
  }
  document.dispatchEvent(new CustomEvent('page:updated'));
  return true;
}
