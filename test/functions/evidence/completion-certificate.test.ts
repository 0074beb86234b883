import { describe, expect, it, vi } from 'vitest';
import { CertificateTrailInvalid, renderCompletionCertificate } from '../../../functions/evidence/completion-certificate.js';
import { completedTrail, TRAIL_GRANT_IDS, TRAIL_SIGNER_SUBJECT } from '../../fixtures/completed-trail.js';
import { companyForm, namesForm } from '../../fixtures/form-inputs.js';
import { extractPdfText } from '../../support/pdf-text.js';

const FORM_SHA256 = '1f'.repeat(32);
const SIGNATURE_SHA256 = 'e9'.repeat(32);

async function rendered() {
  const trail = completedTrail({ formSha256: FORM_SHA256, signatureSha256: SIGNATURE_SHA256 });
  const certificate = await renderCompletionCertificate({ ...trail, issuedBy: 'Verzekeringen Janssens' });
  return { trail, certificate, text: (await extractPdfText(certificate.pdf)).replace(/\s+/g, ' ') };
}

describe('the completion certificate (R2, R8)', () => {
  it('shows the request, its client reference and each grant with its relation and scope (R4), from the trail alone', async () => {
    const { trail, text } = await rendered();
    expect(text).toContain(`Request ${trail.requestId}`);
    expect(text).toContain('Client reference C-1001');
    expect(text).toContain(`Grant 1 of 2: ${TRAIL_GRANT_IDS[0]}`);
    expect(text).toContain('The policyholder himself (R4.1)');
    expect(text).toContain('All contracts of the client, current and future (R4)');
    expect(text).toContain(`Grant 2 of 2: ${TRAIL_GRANT_IDS[1]}`);
    expect(text).toContain('Exactly these contracts: POL-1, POL-3');
    expect(text).toContain('Access activated, 2026-11-20');
  });

  it('shows every step of both chains with its time, actor, method, signer certificate subject and document hashes', async () => {
    const { trail, text } = await rendered();
    for (const entry of trail.requestChain) expect(text, `request entry ${entry.seq}`).toContain(`Request #${entry.seq} ·`);
    for (const { grantId, entries } of trail.grantChains) {
      for (const entry of entries) expect(text, `${grantId} entry ${entry.seq}`).toContain(`Grant ${grantId} #${entry.seq} ·`);
    }
    expect(text).toContain('Request #4 · 2026-11-20 09:33:00 UTC · Signature received');
    expect(text).toContain('Actor The requester, from the link in his e-mail');
    expect(text).toContain('Method Belgian eID signature (R3)');
    expect(text).toContain(`Signer certificate ${TRAIL_SIGNER_SUBJECT}`);
    expect(text).toContain(`SHA-256: ${FORM_SHA256}`);
    expect(text).toContain(`SHA-256: ${SIGNATURE_SHA256}`);
    // Every entry's own hash, whole on one line: the certificate can be held against the chain.
    for (const entry of [...trail.requestChain, ...trail.grantChains.flatMap((grant) => grant.entries)]) {
      expect(text).toContain(`Entry hash: ${entry.hash}`);
    }
  });

  it('renders the same bytes from the same entries (its dates are the last entry\'s), with a classic xref for an incremental seal', async () => {
    const first = await rendered();
    const second = await rendered();
    expect(Buffer.from(first.certificate.pdf).equals(Buffer.from(second.certificate.pdf))).toBe(true);
    const raw = Buffer.from(first.certificate.pdf).toString('latin1');
    expect(raw).toMatch(/\nxref\n0 \d+\n/);
    expect(raw).not.toContain('/ObjStm');
    expect(raw).not.toContain('/XRefStm');
  });

  it('renders in a warm process, after forms and another certificate, to the bytes a fresh process renders (the form\'s fonts, parsed once: issue 11)', async () => {
    const greekSigner = (): ReturnType<typeof completedTrail> =>
      JSON.parse(JSON.stringify(completedTrail({ startAt: '2026-11-21T08:00:00Z' })).replaceAll(TRAIL_SIGNER_SUBJECT, 'CN=Αλέξης Παπαδόπουλος (Signature),C=GR'));
    const fresh = async () => {
      vi.resetModules();
      return {
        certificate: (await import('../../../functions/evidence/completion-certificate.js')).renderCompletionCertificate,
        form: (await import('../../../functions/form/render-form.js')).renderAccessForm,
      };
    };
    const alone = await (await fresh()).certificate({ ...completedTrail(), issuedBy: 'Verzekeringen Janssens' });

    const warm = await fresh();
    await warm.form(namesForm());
    await warm.certificate({ ...greekSigner(), issuedBy: 'Assurances Dupont' });
    await warm.form(companyForm());
    const after = await warm.certificate({ ...completedTrail(), issuedBy: 'Verzekeringen Janssens' });

    expect(after.sha256).toBe(alone.sha256);
    expect(Buffer.from(after.pdf).equals(Buffer.from(alone.pdf))).toBe(true);
  });

  it('refuses a trail that does not start with the filing', async () => {
    const trail = completedTrail();
    await expect(renderCompletionCertificate({ ...trail, requestChain: trail.requestChain.slice(1), issuedBy: 'X' })).rejects.toBeInstanceOf(
      CertificateTrailInvalid,
    );
  });
});
