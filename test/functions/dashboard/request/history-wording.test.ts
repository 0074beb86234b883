import { describe, expect, it } from 'vitest';
import { actorWords, entryAbout, entryWords, historyLines } from '../../../../functions/dashboard/request/history-wording.js';
import { requestTexts } from '../../../../functions/dashboard/request/request-texts.js';
import type { AuditEvent, AuditEventType } from '../../../../functions/domain/audit-event.js';
import { LANGUAGES, type Language } from '../../../../functions/domain/request-schema.js';
import { GRANT_A, GRANT_B, requestView, TrailBuilder } from './request-view-fixture.js';

/** One valid entry of every audit type (the compiler holds the list complete). */
const ONE_OF_EACH: { readonly [T in AuditEventType]: Extract<AuditEvent, { type: T }>['details'] } = {
  submitted: { grantees: 2, clientRef: 'C-1001' },
  formGenerated: { sha256: 'a'.repeat(64), legalRepresentativeMustApprove: true },
  signatureRequested: { role: 'requester', round: 2, reminder: false },
  signatureReceived: { role: 'requester', method: 'eid', sha256: 'b'.repeat(64), contentType: 'application/pdf' },
  signatureRefused: { role: 'legalRepresentative', method: 'eid', reason: 'other_signer', sha256: 'c'.repeat(64) },
  scanReviewRequested: { role: 'requester' },
  scanReviewed: { role: 'requester', decision: 'reject' },
  signatureDeclined: { role: 'requester' },
  grantsCreated: { grantIds: [GRANT_A, GRANT_B] },
  activationRequested: { grantId: GRANT_A, round: 1, reminder: true },
  grantActivated: { grantId: GRANT_A },
  grantExpired: { grantId: GRANT_B },
  grantRevoked: { grantId: GRANT_A },
  reminderRequested: { recipients: 2 },
  mailBounced: { grantId: GRANT_B, mail: 'activationInvitation', bounceType: 'permanent' },
  mailComplained: { role: 'requester', mail: 'signatureReminder' },
  cancelled: { withdrawnGrantIds: [GRANT_B] },
  completed: { activeGrants: 1, expiredGrants: 1 },
  evidenceSealed: { sha256: 'd'.repeat(64), covers: { seq: 12, hash: 'e'.repeat(64) }, grants: [] },
  declined: { by: 'rejections' },
  expired: {},
  failed: { error: 'FormRenderingFailed', cause: 'The form could not be rendered' },
  erased: { reason: 'clientRequest', documents: 3, items: 9 },
};

const GRANTEES = [
  { name: 'Hans Müller', grantId: GRANT_A },
  { name: 'Françoise Lefèvre', grantId: GRANT_B },
];

function wordsFor(type: AuditEventType, language: Language, names = true): string {
  const texts = requestTexts(language);
  const about = entryAbout(names ? { requester: { name: 'Hans Müller' }, legalRepresentative: { name: 'Elif Şahin' }, grantees: GRANTEES } : { grantees: [] }, texts, language);
  return entryWords({ type, details: ONE_OF_EACH[type] }, about, texts);
}

describe('history wording (R2, R9): every audit entry in the broker’s language', () => {
  it.each(LANGUAGES)('words every entry type in %s, as a sentence with no gap left', (language) => {
    const sentences = (Object.keys(ONE_OF_EACH) as AuditEventType[]).map((type) => wordsFor(type, language));
    for (const sentence of sentences) {
      expect(sentence).not.toMatch(/undefined|\[object|\$\{|NaN/);
      expect(sentence.charAt(0)).toBe(sentence.charAt(0).toLocaleUpperCase());
      expect(sentence).not.toBe(requestTexts(language).history.unknownEntry(''));
    }
    // Each type has words of its own.
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it('names the signer and the method in each language', () => {
    expect(wordsFor('signatureReceived', 'en')).toBe('Hans Müller (requester) signed: Belgian eID');
    expect(wordsFor('signatureReceived', 'nl')).toBe('Hans Müller (aanvrager) heeft ondertekend: Belgische eID');
    expect(wordsFor('signatureReceived', 'fr')).toBe('Hans Müller (demandeur) a signé\u00a0: eID belge');
    expect(wordsFor('signatureReceived', 'de')).toBe('Hans Müller (Antragsteller) hat unterschrieben: belgische eID');
  });

  it('names grantees by their grant, and several as one phrase with the language’s "and"', () => {
    expect(wordsFor('grantsCreated', 'en')).toBe('Access created for Hans Müller and Françoise Lefèvre, waiting for activation');
    expect(wordsFor('grantsCreated', 'nl')).toBe('Toegang aangemaakt voor Hans Müller en Françoise Lefèvre, wacht op activering');
    expect(wordsFor('mailBounced', 'fr')).toContain('pour Françoise Lefèvre n’a pas été délivré (définitif)');
    expect(wordsFor('grantExpired', 'de')).toBe('Françoise Lefèvre: Zugang abgelaufen, er wurde nie aktiviert');
  });

  it('once the personal data is erased, names people by role or grant, and a sentence still starts with a capital', () => {
    expect(wordsFor('signatureRequested', 'en', false)).toBe('The requester was asked to sign again (round 2)');
    expect(wordsFor('signatureRequested', 'de', false)).toBe('Der Antragsteller wurde erneut um die Unterschrift gebeten (Runde 2)');
    expect(wordsFor('signatureRefused', 'de', false)).toBe('Der gesetzliche Vertreter: unterschriebene Datei abgelehnt, jemand anderes hat unterschrieben');
    expect(wordsFor('grantActivated', 'nl', false)).toBe(`${GRANT_A} heeft de toegang geactiveerd`);
  });

  it('words each actor: the system, a broker office, a signer, a grantee, the mail service', () => {
    const texts = requestTexts('nl');
    const about = entryAbout({ requester: { name: 'Hans Müller' }, grantees: GRANTEES }, texts, 'nl');
    expect(actorWords('workflow', about, texts)).toBe('Systeem');
    expect(actorWords('broker:broker-a', about, texts)).toBe('Makelaar (kantoor broker-a)');
    expect(actorWords('requester', about, texts)).toBe('Hans Müller (aanvrager)');
    expect(actorWords(`grantee:${GRANT_B}`, about, texts)).toBe('Françoise Lefèvre');
    expect(actorWords('mailFeedback', about, texts)).toBe('E-maildienst');
    expect(actorWords('legalRepresentative', entryAbout({ grantees: [] }, texts, 'nl'), texts)).toBe('De wettelijke vertegenwoordiger');
  });

  it('shows the reason a person wrote beside its entry, or that it was erased; an erasure’s own reason is not a note', () => {
    const note = { id: 'note_1', sha256: 'f'.repeat(64) };
    const trail = new TrailBuilder()
      .add({ type: 'scanReviewed', details: { role: 'requester', decision: 'reject', note } }, { actor: 'broker:broker-a', extra: { reason: 'De handtekening ontbreekt op pagina 2' } })
      .add({ type: 'grantRevoked', details: { grantId: GRANT_A, note } }, { actor: 'broker:broker-a', grantId: GRANT_A, extra: { reasonErased: true } })
      .add({ type: 'erased', details: { reason: 'retention', documents: 2, items: 5 } });
    const lines = historyLines(requestView(trail.build(), { grantees: [] }), 'nl');
    expect(lines[0]?.note).toBe('Reden: “De handtekening ontbreekt op pagina 2”');
    expect(lines[1]?.note).toBe('De reden werd gewist met de persoonsgegevens.');
    expect(lines[2]?.note).toBeUndefined();
    expect(lines[2]?.what).toBe('Persoonsgegevens gewist aan het einde van de bewaartermijn (2 documenten)');
  });

  it('gives each line its time in Brussels, in the language’s words', () => {
    const trail = new TrailBuilder().add({ type: 'submitted', details: { grantees: 1, clientRef: 'C-1' } }, { actor: 'broker:broker-a' });
    const [line] = historyLines(requestView(trail.build()), 'fr');
    expect(line).toMatchObject({ at: '2026-11-28T09:00:00.000Z', when: '28 novembre 2026 à 10:00', who: 'Courtier (bureau broker-a)' });
    expect(line?.what).toBe('Demande introduite (référence client C-1\u00a0; 1 personne recevra un accès)');
  });

  it('an entry it cannot read is shown by its type, not hidden', () => {
    const texts = requestTexts('en');
    const about = entryAbout({ grantees: [] }, texts, 'en');
    expect(entryWords({ type: 'somethingNew', details: {} }, about, texts)).toBe('Entry “somethingNew”');
    expect(entryWords({ type: 'grantActivated', details: {} }, about, texts)).toBe('Entry “grantActivated”');
  });
});
