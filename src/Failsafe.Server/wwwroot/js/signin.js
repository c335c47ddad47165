// Sign in or create an account with the Identity API (a cookie for this browser), then go on.
import { api, ApiError, showErrors, clearErrors } from './api.js';

const form = document.getElementById('signin');
const words = {
  Failed: 'The email or password is wrong.',
  LockedOut: 'Too many wrong passwords from here: wait 15 minutes and try again.',
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
    // Registering answers an email that has an account like a new one; its own password then signs it in.
    const taken = create && error instanceof ApiError && error.problem.detail === 'Failed';
    if (taken) error = new ApiError(error.status, { detail: 'If this email already has an account, sign in with its password.' });
    else if (error instanceof ApiError && words[error.problem.detail]) error = new ApiError(error.status, { detail: words[error.problem.detail] });
    showErrors(form, error);
  } finally {
    for (const b of form.querySelectorAll('button')) b.disabled = false;
  }
});
