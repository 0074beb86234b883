/**
 * The one script of the signing page. A plain HTML form can neither send a file straight to
 * storage nor post JSON, so this script does, for every `form[data-send]`:
 * - `upload` (a scan, or a PDF signed with the eID; the method is its section's `data-method`):
 *   checks the file's type (its MIME type, or its extension when the browser gives none) and
 *   size before anything is sent, opens an upload (`POST /sign/{token}/uploads`), sends the file
 *   to the bucket with the presigned fields while a `<progress>` shows how far it got
 *   (XMLHttpRequest: fetch reports no upload progress), then confirms it
 *   (`…/uploads/{uploadId}/confirm`);
 * - `json` (the decline): posts the reason, required, as JSON and shows the page answered.
 * Whatever goes wrong is said in the signer's words, in the form's `role="alert"` line, and the
 * form stays usable: a wrong type names the types accepted, a file too large the limit, a
 * refused signed PDF (422 `signature_refused`) its reason, a lost connection that he may try
 * again. A link that can no longer be used (404/410 `link_*`) reloads the page, which then says
 * why. Without the script the buttons stay disabled and the page's `<noscript>` text says what
 * to do instead.
 *
 * The script is static (its words come from the form's `data-msg-*` attributes, its limits from
 * `data-types` and `data-max-bytes`), so its hash in the Content-Security-Policy never changes.
 */
export const SIGNING_PAGE_SCRIPT = `(function () {
  'use strict';
  var TYPES_BY_EXTENSION = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };
  // What the polite status line says; every other message is an alert.
  var PROGRESS = { sending: true, checking: true, done: true };
  // A refused upload's first issue (its path, functions/http/signer/*.ts) as the signer's problem, when the upload is opened and when it is confirmed.
  var OPEN_ISSUES = { contentType: 'wrong-type', size: 'too-large' };
  var CONFIRM_ISSUES = { contentType: 'wrong-type', body: 'wrong-type' };
  function postJson(url, body) {
    return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
  }
  function typeOf(file) {
    if (file.type) return file.type.toLowerCase();
    var extension = (file.name.split('.').pop() || '').toLowerCase();
    return TYPES_BY_EXTENSION[extension] || '';
  }
  function own(table, key) { return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined; }
  // The message for an answer other than success; null when the link can no longer be used: the page reloads and its own page says why.
  function messageFor(response, issues) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      var error = String(body.error || '');
      if (error.indexOf('link_') === 0) { window.location.reload(); return null; }
      if (error === 'signature_refused') return 'refused-' + body.reason;
      if (error === 'too_many_uploads') return 'too-many';
      if (error === 'validation') return own(issues, ((body.issues || [])[0] || {}).path) || 'failed';
      return 'failed';
    });
  }
  function show(response) {
    return response.text().then(function (page) { document.open(); document.write(page); document.close(); });
  }

  function formUi(form) {
    var ui = {
      form: form,
      button: form.querySelector('button[type=submit]'),
      field: form.querySelector('input, textarea'),
      status: form.querySelector('[data-status]'),
      alert: form.querySelector('[data-error]'),
      progress: form.querySelector('progress')
    };
    function words(key) { return form.getAttribute('data-msg-' + key) || form.getAttribute('data-msg-failed') || ''; }
    ui.say = function (key) {
      var isProgress = own(PROGRESS, key) === true;
      ui.status.textContent = isProgress ? words(key) : '';
      ui.alert.textContent = isProgress ? '' : words(key);
    };
    ui.showProgress = function (fraction) {
      if (!ui.progress) return;
      ui.progress.hidden = fraction === null;
      ui.progress.value = fraction === null ? 0 : Math.round(fraction * 100);
    };
    // Something the signer fixes in the field: said, and the field focused.
    ui.refuse = function (key) { ui.say(key); ui.field.focus(); };
    ui.again = function (key) {
      if (key === null) return;
      ui.showProgress(null);
      ui.button.disabled = false;
      ui.say(key);
    };
    return ui;
  }

  function sendReason(ui) {
    ui.form.addEventListener('submit', function (event) {
      event.preventDefault();
      var reason = ui.field.value.trim();
      if (!reason) { ui.refuse('no-reason'); return; }
      ui.button.disabled = true;
      ui.say('sending');
      fetch(ui.form.action, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason: reason }), credentials: 'same-origin' })
        .then(function (response) {
          // The declined page, or the page of a link that can no longer be used: the answer is shown.
          if ((response.headers.get('Content-Type') || '').indexOf('text/html') === 0) return show(response);
          ui.again(response.status === 400 ? 'reason-refused' : 'failed');
        })
        .catch(function () { ui.again('network'); });
    });
  }

  function sendFile(ui) {
    var form = ui.form;
    var uploads = form.getAttribute('data-uploads');
    var section = form.closest('[data-method]');
    var method = section ? section.getAttribute('data-method') : '';
    var types = (form.getAttribute('data-types') || '').split(',');
    var maxBytes = Number(form.getAttribute('data-max-bytes'));
    function problemWith(file) {
      if (!file) return 'no-file';
      if (types.indexOf(typeOf(file)) === -1) return 'wrong-type';
      if (file.size < 1) return 'empty';
      if (file.size > maxBytes) return 'too-large';
      return null;
    }
    // Rejects with the message to say: the storage refused the file, or could not be reached.
    function sendToStorage(upload, file) {
      return new Promise(function (resolve, reject) {
        var body = new FormData();
        Object.keys(upload.fields).forEach(function (name) { body.append(name, upload.fields[name]); });
        body.append('file', file);
        var request = new XMLHttpRequest();
        request.open(upload.method, upload.url);
        Object.keys(upload.headers || {}).forEach(function (name) { request.setRequestHeader(name, upload.headers[name]); });
        request.upload.addEventListener('progress', function (event) { if (event.lengthComputable) ui.showProgress(event.loaded / event.total); });
        request.addEventListener('load', function () { if (request.status >= 200 && request.status < 300) resolve(); else reject('failed'); });
        request.addEventListener('error', function () { reject('network'); });
        request.send(body);
      });
    }
    function received() {
      ui.showProgress(null);
      ui.say('done');
      // Signed: nothing on the page sends anything more.
      Array.prototype.forEach.call(document.querySelectorAll('main button[type=submit]'), function (button) { button.disabled = true; });
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var file = ui.field.files && ui.field.files[0];
      var problem = problemWith(file);
      if (problem) { ui.refuse(problem); return; }
      ui.button.disabled = true;
      ui.say('sending');
      ui.showProgress(0);
      postJson(uploads, { method: method, contentType: typeOf(file), size: file.size })
        .then(function (opened) {
          if (opened.status !== 201) return messageFor(opened, OPEN_ISSUES);
          return opened.json().then(function (upload) {
            return sendToStorage(upload.upload, file).then(function () {
              ui.showProgress(1);
              ui.say('checking');
              return postJson(uploads + '/' + encodeURIComponent(upload.uploadId) + '/confirm', {});
            });
          }).then(function (confirmed) { return confirmed.ok ? 'done' : messageFor(confirmed, CONFIRM_ISSUES); });
        })
        .then(function (outcome) { if (outcome === 'done') received(); else ui.again(outcome); },
          function (failure) { ui.again(typeof failure === 'string' ? failure : 'network'); });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('form[data-send]'), function (form) {
    var ui = formUi(form);
    ui.button.disabled = false;
    if (form.getAttribute('data-send') === 'json') sendReason(ui); else sendFile(ui);
  });
})();`;
