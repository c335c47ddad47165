// Shared by every page: the service worker (installable, offline), the connection banner, and forms that call the
// API: <form data-api="PUT /api/checkins/2026-12-07" data-next="/today">.
import { api, formJson, showErrors, clearErrors, refresh } from './api.js';

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});
}

const net = document.getElementById('net');
function showConnection() {
  if (!net) return;
  net.hidden = navigator.onLine;
  net.textContent = navigator.onLine ? '' : 'Offline: sets you log wait on this phone and are sent when the connection returns.';
}
addEventListener('online', showConnection);
addEventListener('offline', showConnection);
showConnection();

document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.classList.contains('signout')) {
    event.preventDefault();
    const { pending } = await import('./queue.js');
    const waiting = (await pending()).length;
    if (waiting > 0 && !confirm(`${waiting} set(s) logged offline have not been sent yet. Sign out anyway? They stay on this phone and are sent when you sign in again.`)) return;
    navigator.serviceWorker?.controller?.postMessage('forget');
    form.submit();
    return;
  }
  if (!(form instanceof HTMLFormElement) || !form.dataset.api) return;
  event.preventDefault();
  if (form.dataset.confirm && !confirm(form.dataset.confirm)) return;
  const [method, url] = form.dataset.api.split(' ');
  const button = event.submitter;
  if (button) button.disabled = true;
  clearErrors(form);
  try {
    const body = method === 'DELETE' && !form.dataset.body ? undefined : formJson(form);
    const headers = form.dataset.ifMatch ? { 'If-Match': `"${form.dataset.ifMatch}"` } : {};
    const answer = await api(method, url, body, headers);
    form.dispatchEvent(new CustomEvent('api:done', { bubbles: true, detail: answer }));
    if (form.dataset.next) location.assign(form.dataset.next);
    else await refresh();
  } catch (error) {
    showErrors(form, error);
  } finally {
    if (button) button.disabled = false;
  }
});

for (const module of document.querySelectorAll('[data-module]')) {
  import(`./${module.dataset.module}.js`).catch(() => {});
}
