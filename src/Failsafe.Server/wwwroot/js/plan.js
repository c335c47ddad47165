// Plan: a new plan needs at least one training day (said before anything is sent), and the private calendar link —
// which the server shows only once, in the answer that made it — is put on the page with Copy and Subscribe.
import { ApiError, showErrors } from './api.js';

let madeLink = null;

// Before app.js sends the form (capture runs first): no weekday ticked is a mistake, not "use my profile's days".
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-days')) return;
  if (form.querySelector('input[name="days"]:checked')) return;
  event.preventDefault();
  event.stopPropagation();
  showErrors(form, new ApiError(400, { errors: { days: ['tick at least one training day'] } }));
}, true);

// app.js announces each answer, then renders the page again: keep the new link until the fresh page is in.
document.addEventListener('api:done', (event) => {
  if (event.target instanceof HTMLFormElement && event.target.hasAttribute('data-feed') && event.detail?.url) madeLink = event.detail.url;
});

document.addEventListener('page:updated', () => {
  if (!madeLink) return;
  const box = document.getElementById('feed-new');
  const input = document.getElementById('feed-url');
  if (!box || !input) return;
  input.value = madeLink;
  const subscribe = document.getElementById('feed-subscribe');
  if (subscribe) subscribe.href = madeLink.replace(/^https?:/, 'webcal:');
  box.hidden = false;
  madeLink = null;
  input.focus();
  input.select();
});

document.addEventListener('click', async (event) => {
  if (!(event.target instanceof Element) || !event.target.closest('#feed-copy')) return;
  const input = document.getElementById('feed-url');
  const status = document.getElementById('feed-status');
  if (!input || !status) return;
  try {
    await navigator.clipboard.writeText(input.value);
    status.textContent = 'Copied. Paste it where your calendar app adds a calendar by its address (a subscription).';
  } catch {
    input.focus();
    input.select();
    status.textContent = 'Copying is not allowed here: the link is selected, copy it with your keyboard or the share menu.';
  }
});
