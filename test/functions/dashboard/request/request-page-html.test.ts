import { describe, expect, it } from 'vitest';
import { renderRequestMain, type RequestPageModel } from '../../../../functions/dashboard/request/request-page-html.js';
import { LANGUAGES } from '../../../../functions/domain/request-schema.js';
import { GRANT_A, GRANT_B, REQUEST_ID, requestView, waitingForSignature } from './request-view-fixture.js';

function scanAwaitingReview() {
  return waitingForSignature()
    .add({ type: 'signatureReceived', details: { role: 'requester', method: 'handwritten', sha256: 'c'.repeat(64), contentType: 'image/png' } }, { actor: 'requester' })
    .add({ type: 'scanReviewRequested', details: { role: 'requester' } });
}

function page(model: Partial<RequestPageModel> = {}): string {
  return renderRequestMain({ view: requestView(waitingForSignature().build()), language: 'en', formToken: 'form-token', ...model });
}

function count(html: string, pattern: RegExp): number {
  return html.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}

describe('the request page (R9)', () => {
  it.each(LANGUAGES)('in %s: one h1, the steps as an ordered list with exactly one aria-current step', (language) => {
    const html = page({ language });
    expect(count(html, /<h1[ >]/)).toBe(1);
    expect(html).toMatch(/<ol class="steps">/);
    expect(count(html, /aria-current="step"/)).toBe(1);
    expect(html).toMatch(/<li class="step step-current" data-step="requesterSignature" data-state="current" aria-current="step">/);
  });

  it('escapes every value that comes from people (names, reasons)', () => {
    const view = requestView(waitingForSignature().build(), { clientName: '<script>alert(1)</script>', requester: { name: 'Jan "x" <b>', email: 'jan@example.be' } });
    const html = renderRequestMain({ view, language: 'nl', formToken: 'form-token' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Jan &quot;x&quot; &lt;b&gt;');
  });

  it('every form carries the form token; remind while a signer waits, cancel with its "I confirm" step', () => {
    const html = page();
    const forms = html.match(/<form /g) ?? [];
    expect(count(html, /name="csrf" value="form-token"/)).toBe(forms.length);
    expect(html).toContain(`action="/dashboard/requests/${REQUEST_ID}/remind"`);
    expect(html).toMatch(/<details class="confirm-step" data-action="cancel"><summary>Cancel the request<\/summary>/);
    expect(html).toMatch(/<input type="checkbox" id="cancel-confirm" name="confirm" value="yes" required> <label for="cancel-confirm">I confirm: cancel this request<\/label>/);
  });

  it('the review shows the form and the scan side by side, each framed with a link to open it, approve and reject with a labelled reason', () => {
    const view = requestView(scanAwaitingReview().build(), { status: 'AWAITING_REVIEW' });
    const html = renderRequestMain({
      view,
      language: 'en',
      formToken: 'form-token',
      review: { role: 'requester', form: { url: 'https://bucket.test/form.pdf?X-Amz-Signature=1&a=2', contentType: 'application/pdf' }, scan: { url: 'https://bucket.test/scan.png', contentType: 'image/png' } },
    });
    expect(html).toContain('<div class="review-pair">');
    expect(html).toContain('<iframe class="review-frame" src="https://bucket.test/form.pdf?X-Amz-Signature=1&amp;a=2" title="Generated form"></iframe>');
    expect(html).toContain('<img class="review-frame review-image" src="https://bucket.test/scan.png" alt="Scan of the signed form" title="Scan of the signed form">');
    expect(html).toContain(`href="/dashboard/requests/${REQUEST_ID}/documents/requester-signature?view=inline"`);
    expect(html).toMatch(/data-action="approve">.*<input type="hidden" name="decision" value="approve">/s);
    expect(html).toMatch(/<label for="reject-reason">Reason for rejecting<\/label>.*<textarea id="reject-reason" name="reason" rows="3" maxlength="1000" required/s);
    // Nobody is waiting for an e-mail while the broker reviews: no reminder offered.
    expect(html).not.toContain('/remind"');
  });

  it('a refusal is an alert, its message beside the field it is about, what was typed kept', () => {
    const view = requestView(scanAwaitingReview().build(), { status: 'AWAITING_REVIEW' });
    const html = renderRequestMain({
      view,
      language: 'en',
      formToken: 'form-token',
      refused: { form: 'reject', reason: 'Page 2 <missing>', refusal: { statusCode: 400, message: 'Give the reason.', field: { name: 'reason', message: 'Give the reason.' } } },
    });
    expect(html).toContain('<div class="notice error" role="alert" data-refusal="400">');
    expect(html).toContain('<p class="action-field-error" id="reject-reason-error">Give the reason.</p>');
    expect(html).toContain('aria-describedby="reject-reason-hint reject-reason-error" aria-invalid="true">Page 2 &lt;missing&gt;</textarea>');
  });

  it('an action done is a status notice', () => {
    expect(page({ done: { notice: 'reminded', count: 2 } })).toContain('<div class="notice success" role="status" data-done="reminded"><p>The reminder was sent (2 e-mails).</p></div>');
  });

  it('lists each grantee with his grant, the mail trouble flagged, and a revoke step for a pending or active grant only', () => {
    const view = requestView(waitingForSignature().build(), {
      status: 'AWAITING_ACTIVATION',
      grantees: [
        { relation: 'policyholder', name: 'Hans Müller', email: 'hans.muller@example.be', contracts: 'all', grantId: GRANT_A, grantStatus: 'active', activatedAt: '2026-11-28T10:00:00.000Z' },
        { relation: 'insured', name: 'Françoise Lefèvre', email: 'francoise.lefevre@example.be', contracts: ['POL-1'], grantId: GRANT_B, grantStatus: 'revoked', mailBounced: true },
      ],
    });
    const html = renderRequestMain({ view, language: 'en', formToken: 'form-token' });
    expect(html).toContain(`action="/dashboard/requests/${REQUEST_ID}/grants/${GRANT_A}/revoke"`);
    expect(html).not.toContain(`/grants/${GRANT_B}/revoke`);
    expect(html).toContain('<summary>Revoke the access of Hans Müller</summary>');
    expect(html).toContain('<span class="status status-revoked">Revoked</span>');
    expect(html).toContain('Activated on');
    expect(html).toContain('data-mail="bounced"');
    expect(html).toContain('<dd>All contracts, current and future</dd>');
  });

  it('an ended request offers no reminder or cancel, and points at an access that can still be revoked (R9)', () => {
    const view = requestView(waitingForSignature().build(), {
      status: 'COMPLETED',
      grantees: [{ relation: 'policyholder', name: 'Hans Müller', email: 'hans.muller@example.be', contracts: 'all', grantId: GRANT_A, grantStatus: 'active' }],
    });
    const html = renderRequestMain({ view, language: 'en', formToken: 'form-token' });
    expect(html).not.toContain('/remind"');
    expect(html).not.toContain('/cancel"');
    expect(html).toMatch(/<p>The request has ended: there is nothing left to send or cancel\.<\/p>\s*<p><a href="#grantees-heading">An access can still be revoked below, under “Who gets access”\.<\/a><\/p>/);
  });

  it('the documents link through the dashboard with their SHA-256; the certificate and package once sealed (R8)', () => {
    const trail = waitingForSignature().add({ type: 'evidenceSealed', details: { sha256: 'd'.repeat(64), covers: { seq: 4, hash: 'e'.repeat(64) }, grants: [] } });
    const html = renderRequestMain({ view: requestView(trail.build(), { status: 'COMPLETED' }), language: 'de', formToken: 'form-token' });
    expect(html).toContain(`<a href="/dashboard/requests/${REQUEST_ID}/documents/form">Erstelltes Formular</a>`);
    expect(html).toContain(`<code>${'a'.repeat(64)}</code>`);
    expect(html).toContain(`href="/dashboard/requests/${REQUEST_ID}/documents/completion-certificate"`);
    expect(html).toContain(`<code>${'d'.repeat(64)}</code>`);
    expect(html).toContain(`href="/dashboard/requests/${REQUEST_ID}/evidence"`);
  });

  it('the history is a table with a caption and header cells, and says its chain checks; a broken chain is an alert', () => {
    const html = page();
    expect(html).toMatch(/<table class="history" role="table"><caption id="history-caption">/);
    expect(count(html, /<th scope="col" role="columnheader">/)).toBe(3);
    expect(count(html, /<th scope="row" role="rowheader">/)).toBe(3);
    expect(html).toContain('The history is intact: every entry checks against the one before.');
    const broken = renderRequestMain({ view: requestView(waitingForSignature().build(), { historyIntact: false }), language: 'en', formToken: 't' });
    expect(broken).toMatch(/<p class="notice error chain-check" role="alert" data-history-intact="false">Warning: the history does not check/);
  });

  it('an erased request shows its ids, statuses and history only', () => {
    const trail = waitingForSignature().add({ type: 'expired', details: {} }).add({ type: 'erased', details: { reason: 'retention', documents: 1, items: 4 } });
    const view = requestView(trail.build(), { status: 'EXPIRED', grantees: [], documents: {}, erasedAt: trail.lastAt });
    delete (view as { clientName?: string }).clientName;
    delete (view as { requester?: unknown }).requester;
    const html = renderRequestMain({ view, language: 'fr', formToken: 't' });
    expect(html).toContain(`<h1 class="request-title">Demande ${REQUEST_ID}</h1>`);
    expect(html).toContain('data-erased="true"');
    expect(html).not.toContain('<form');
    expect(html).not.toContain('grantees-heading');
    expect(html).not.toContain('documents-heading');
    expect(html).toContain('Le demandeur\u00a0: invitation à signer envoyée');
  });
});
