// Sign in or create an account with the Identity API (a cookie for this browser), then go on.
import { api, ApiError, showErrors, clearErrors } from './api.js';

const form = document.getElementById('signin');
const words = {
  Failed: 'The email or password is wrong.',
  LockedOut: 'Too many wrong passwords from here: wait 15 minutes and try again.',
  NotAllowed: 'This account may not sign in yet.',
};

// With confirmation by email on (data-confirm), a new account signs in only after its link is opened.
const status = document.getElementById('signin-status');

form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  status.textContent = '';
  const action = event.submitter?.value;
  const create = action === 'create';
  const confirm = form.dataset.confirm === 'true';
  const body = { email: form.email.value.trim(), password: form.password.value };
  if (action === 'resend' && !form.email.checkValidity()) { form.email.reportValidity(); return; }
  for (const b of form.querySelectorAll('button')) b.disabled = true;
  try {
    if (action === 'resend') {
      await api('POST', '/account/resendConfirmationEmail', { email: body.email });
      status.textContent = `If ${body.email} has an account waiting for confirmation, a new link is on its way.`;
      return;
    }
    if (create) await api('POST', '/account/register', body);
    if (create && confirm) {
      // The same words for a new email and a taken one: its holder is sent a notice instead of a link.
      status.textContent = `We sent a link to ${body.email}: open it to confirm the account, then sign in here.`;
      form.password.value = '';
      return;
    }
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
