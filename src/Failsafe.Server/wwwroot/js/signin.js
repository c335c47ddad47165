// Sign in or create an account with the Identity API (a cookie for this browser), then go on.
import { api, ApiError, showErrors, clearErrors } from './api.js';

const form = document.getElementById('signin');
const words = {
  Failed: 'The email or password is wrong.',
  LockedOut: 'Too many wrong passwords: this account is locked for 15 minutes.',
  NotAllowed: 'This account may not sign in yet.',
};

form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const create = event.submitter?.value === 'create';
  const body = { email: form.email.value.trim(), password: form.password.value };
  for (const b of form.querySelectorAll('button')) b.disabled = true;
  try {
    if (create) await api('POST', '/account/register', body);
    await api('POST', '/account/login?useCookies=true', body);
    location.assign(create ? '/onboarding' : form.dataset.return || '/today');
  } catch (error) {
    if (error instanceof ApiError && words[error.problem.detail]) error = new ApiError(error.status, { detail: words[error.problem.detail] });
    showErrors(form, error);
  } finally {
    for (const b of form.querySelectorAll('button')) b.disabled = false;
  }
});
