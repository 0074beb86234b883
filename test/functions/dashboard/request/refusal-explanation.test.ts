import { describe, expect, it } from 'vitest';
import { confirmationMissing, explainRefusal } from '../../../../functions/dashboard/request/refusal-explanation.js';

describe("refusal explanation: the API's refusal of a broker's action in his words (R9)", () => {
  it('a 409 names the status that blocks the action, in the broker’s language', () => {
    const answer = { statusCode: 409, body: { error: 'conflict', message: 'Nobody is waiting for an e-mail in this state', status: 'CANCELLED' } };
    expect(explainRefusal('remind', answer, 'en')).toEqual({
      statusCode: 409,
      message: 'No reminder was sent: the request is “Cancelled”, and nobody is waiting for an e-mail in that state.',
    });
    expect(explainRefusal('remind', answer, 'nl').message).toBe('Er werd geen herinnering verstuurd: de aanvraag staat op “Geannuleerd” en in die status wacht niemand op een e-mail.');
    expect(explainRefusal('review', { statusCode: 409, body: { error: 'conflict', message: 'x', status: 'AWAITING_ACTIVATION' } }, 'de').message).toContain('„Wartet auf Aktivierung“');
  });

  it("a revocation's 409 names the grant's status", () => {
    const answer = { statusCode: 409, body: { error: 'conflict', message: 'The grant is already revoked', grantStatus: 'revoked' } };
    expect(explainRefusal('revoke', answer, 'fr').message).toBe('L’accès n’a pas été révoqué\u00a0: il est déjà «\u00a0Révoqué\u00a0».');
  });

  it('a 429 says when the last reminder went and when the next may go', () => {
    const answer = { statusCode: 429, body: { error: 'too_many_reminders', message: 'A reminder was sent less than an hour ago', lastReminderAt: '2026-11-28T09:15:00.000Z' } };
    expect(explainRefusal('remind', answer, 'en').message).toBe(
      'No reminder was sent: the last one went out on 28 November 2026 at 10:15. You can send the next one from 28 November 2026 at 11:15.',
    );
  });

  it('a rejection without a reason points at the reason field (R9)', () => {
    const answer = { statusCode: 400, body: { error: 'validation', issues: [{ path: 'reason', rule: 'R9', message: 'A rejection needs a reason: the signer reads it' }] } };
    const refusal = explainRefusal('review', answer, 'nl');
    expect(refusal.statusCode).toBe(400);
    expect(refusal.field).toEqual({ name: 'reason', message: 'Geef de reden van de afkeuring: de ondertekenaar leest ze.' });
  });

  it('a reason with a hidden character names it (I2); one too long gives the limit', () => {
    const unsafe = { statusCode: 400, body: { error: 'validation', issues: [{ path: 'reason', rule: 'I2', message: 'contains an invisible or control character (U+202E RIGHT-TO-LEFT OVERRIDE) (I2)' }] } };
    expect(explainRefusal('revoke', unsafe, 'en').field?.message).toBe(
      'The reason holds a character that cannot be shown safely (U+202E RIGHT-TO-LEFT OVERRIDE). Remove it and try again.',
    );
    const long = { statusCode: 400, body: { error: 'validation', issues: [{ path: 'reason', rule: 'schema', message: 'Too big: expected string to have <=500 characters' }] } };
    expect(explainRefusal('cancel', long, 'de').field?.message).toBe('Der Grund ist zu lang: höchstens 500 Zeichen.');
  });

  it("another field's issue falls back to the API's message", () => {
    const answer = { statusCode: 400, body: { error: 'validation', issues: [{ path: 'decision', rule: 'R9', message: 'Invalid option: expected one of "approve"|"reject"' }] } };
    const refusal = explainRefusal('review', answer, 'en');
    expect(refusal.field).toBeUndefined();
    expect(refusal.message).toBe('A field was refused: Invalid option: expected one of "approve"|"reject"');
  });

  it('a busy service and anything unknown are explained, the latter with the API’s own message', () => {
    expect(explainRefusal('cancel', { statusCode: 503, body: { error: 'unavailable', message: 'busy' } }, 'fr').message).toBe('Le service est surchargé. Rien n’a été modifié\u00a0; réessayez dans un instant.');
    expect(explainRefusal('cancel', { statusCode: 409, body: { error: 'conflict', message: "The request's personal data was erased; only its history remains" } }, 'en').message).toBe(
      "The request refused the change: The request's personal data was erased; only its history remains",
    );
    expect(explainRefusal('revoke', { statusCode: 404, body: { error: 'not_found', message: 'Grant not found' } }, 'en').message).toBe('This access is not one of this request.');
  });

  it('a destructive action without "I confirm" is refused by the dashboard itself, beside the checkbox', () => {
    expect(confirmationMissing('cancel', 'nl')).toEqual({
      statusCode: 400,
      message: 'Vink “Ik bevestig” aan om de aanvraag te annuleren.',
      field: { name: 'confirm', message: 'Vink “Ik bevestig” aan om de aanvraag te annuleren.' },
    });
  });
});
