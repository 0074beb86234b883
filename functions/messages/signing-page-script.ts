/**
 * The one script of the signing page. A plain HTML form can neither send a file straight to
 * storage nor post JSON, so this script does, for every `form[data-send]`:
 * - `upload` (a scan, or a PDF signed with the eID): checks the file's type and size, opens an
 *   upload (`POST /sign/{token}/uploads`), sends the file to the bucket with the presigned
 *   fields while a `<progress>` shows how far it got (XMLHttpRequest: fetch reports no upload
 *   progress), then confirms it (`…/uploads/{uploadId}/confirm`). A refused signed PDF (422
 *   `signature_refused`) is said in the page's words and the form stays usable: the link is;
 * - `json` (the decline): posts the reason as JSON and shows the page answered.
 * Without it the buttons stay disabled and the page's `<noscript>` text says what to do instead.
 *
 * The script is static (its words come from the form's `data-msg-*` attributes, its limits from
 * `data-types` and `data-max-bytes`), so its hash in the Content-Security-Policy never changes.
 */
export const SIGNING_PAGE_SCRIPT = `(function () {
  'use strict';
  var TYPES_BY_EXTENSION = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };
  function postJson(url, body) {
    return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
  }
  function typeOf(file) {
    if (file.type) return file.type;
    var extension = (file.name.split('.').pop() || '').toLowerCase();
    return TYPES_BY_EXTENSION[extension] || 'application/octet-stream';
  }
  Array.prototype.forEach.call(document.querySelectorAll('form[data-send]'), function (form) {
    var button = form.querySelector('button[type=submit]');
    var status = form.querySelector('[data-status]');
    var progress = form.querySelector('progress');
    function say(key) { if (status) status.textContent = form.getAttribute('data-msg-' + key) || form.getAttribute('data-msg-failed') || ''; }
    function showProgress(fraction) {
      if (!progress) return;
      progress.hidden = fraction === null;
      progress.value = fraction === null ? 0 : Math.round(fraction * 100);
    }
    function again(key) { showProgress(null); button.disabled = false; say(key); }
    function linkGone(response) { if (response.status === 404 || response.status === 410) { window.location.reload(); return true; } return false; }
    function show(response) {
      return response.text().then(function (page) { document.open(); document.write(page); document.close(); });
    }
    button.disabled = false;

    if (form.getAttribute('data-send') === 'json') {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        button.disabled = true;
        say('sending');
        fetch(form.action, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason: form.querySelector('textarea').value.trim() }), credentials: 'same-origin' })
          .then(function (response) {
            var isPage = (response.headers.get('Content-Type') || '').indexOf('text/html') === 0;
            if (isPage && (response.ok || response.status === 404 || response.status === 410)) return show(response);
            if (!response.ok) throw new Error('HTTP ' + response.status);
            window.location.reload();
          })
          .catch(function () { again('failed'); });
      });
      return;
    }

    var uploads = form.getAttribute('data-uploads');
    var method = form.getAttribute('data-method');
    var types = (form.getAttribute('data-types') || '').split(',');
    var maxBytes = Number(form.getAttribute('data-max-bytes'));
    function sendToStorage(upload, file) {
      return new Promise(function (resolve, reject) {
        var body = new FormData();
        Object.keys(upload.fields).forEach(function (name) { body.append(name, upload.fields[name]); });
        body.append('file', file);
        var request = new XMLHttpRequest();
        request.open(upload.method, upload.url);
        Object.keys(upload.headers || {}).forEach(function (name) { request.setRequestHeader(name, upload.headers[name]); });
        request.upload.addEventListener('progress', function (event) { if (event.lengthComputable) showProgress(event.loaded / event.total); });
        request.addEventListener('load', function () { if (request.status >= 200 && request.status < 300) resolve(); else reject(new Error('storage ' + request.status)); });
        request.addEventListener('error', function () { reject(new Error('storage unreachable')); });
        request.send(body);
      });
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var input = form.querySelector('input[type=file]');
      var file = input.files && input.files[0];
      if (!file) { say('no-file'); input.focus(); return; }
      var type = typeOf(file);
      if (types.indexOf(type) === -1 || file.size < 1 || file.size > maxBytes) { say('invalid'); input.focus(); return; }
      button.disabled = true;
      say('sending');
      showProgress(0);
      postJson(uploads, { method: method, contentType: type, size: file.size })
        .then(function (response) {
          if (linkGone(response)) return;
          if (response.status === 400) return again('invalid');
          if (response.status !== 201) throw new Error('HTTP ' + response.status);
          return response.json().then(function (opened) {
            return sendToStorage(opened.upload, file).then(function () {
              showProgress(1);
              say('checking');
              return postJson(uploads + '/' + encodeURIComponent(opened.uploadId) + '/confirm', {});
            });
          }).then(function (confirmed) {
            if (linkGone(confirmed)) return;
            if (confirmed.ok) {
              showProgress(null);
              say('done');
              Array.prototype.forEach.call(document.querySelectorAll('form[data-send] button[type=submit]'), function (other) { other.disabled = true; });
              return;
            }
            if (confirmed.status === 400) return again('invalid');
            if (confirmed.status !== 422) throw new Error('HTTP ' + confirmed.status);
            return confirmed.json().then(function (refused) { again('refused-' + refused.reason); });
          });
        })
        .catch(function () { again('failed'); });
    });
  });
})();`;
