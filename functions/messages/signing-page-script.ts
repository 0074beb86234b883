/**
 * The one script of the signing page. `POST /sign/{token}/scan` and `/eid` take the file as
 * the raw body with its own content type, and `/decline` takes JSON: a plain HTML form can
 * send neither, so this script does, for every `form[data-send]`. Without it the buttons stay
 * disabled and the page's `<noscript>` text says what to do instead.
 *
 * The script is static (its words come from the form's `data-msg-*` attributes), so its hash
 * in the Content-Security-Policy never changes.
 */
export const SIGNING_PAGE_SCRIPT = `(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('form[data-send]'), function (form) {
    var button = form.querySelector('button[type=submit]');
    var status = form.querySelector('[data-status]');
    function say(key) { if (status) status.textContent = form.getAttribute('data-msg-' + key) || ''; }
    function show(response) {
      return response.text().then(function (page) { document.open(); document.write(page); document.close(); });
    }
    button.disabled = false;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var body, type;
      if (form.getAttribute('data-send') === 'file') {
        var input = form.querySelector('input[type=file]');
        var file = input.files && input.files[0];
        if (!file) { say('no-file'); input.focus(); return; }
        body = file;
        type = file.type || 'application/octet-stream';
      } else {
        body = JSON.stringify({ reason: form.querySelector('textarea').value.trim() });
        type = 'application/json';
      }
      button.disabled = true;
      say('sending');
      fetch(form.action, { method: 'POST', headers: { 'Content-Type': type }, body: body, credentials: 'same-origin' })
        .then(function (response) {
          var isPage = (response.headers.get('Content-Type') || '').indexOf('text/html') === 0;
          if (response.redirected) { window.location.assign(response.url); return; }
          if (isPage && (response.ok || response.status === 404 || response.status === 410)) return show(response);
          if (!response.ok) throw new Error('HTTP ' + response.status);
          window.location.reload();
        })
        .catch(function () { button.disabled = false; say('failed'); });
    });
  });
})();`;
