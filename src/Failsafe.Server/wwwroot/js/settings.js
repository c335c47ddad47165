// Settings, beyond the forms app.js sends: after the account is deleted this phone forgets its copies of the
// lifter's pages (as signing out does), and an invitation sent says so once the page is fresh again.
document.addEventListener('api:done', (event) => {
  const form = event.target;
  if (form.id === 'delete-account') {
    navigator.serviceWorker?.controller?.postMessage('forget');
  } else if (form.classList?.contains('invite')) {
    const email = form.elements.email?.value.trim();
    document.addEventListener('page:updated', () => {
      const sent = document.getElementById('invite-sent');
      if (!sent) return;
      sent.closest('details')?.setAttribute('open', '');
      sent.hidden = false;
      sent.textContent = `Invitation sent to ${email}, if the address has an account.`;
    }, { once: true });
  }
});
