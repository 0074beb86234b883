/**
 * Mail and page inputs for a request built by the shared builder
 * (`test/fixtures/access-request-builder.ts`, e.g. `companyRequestFiledByEmployee`). The objects
 * handed to the renderers carry the whole request and the recipient's person (birth dates,
 * addresses, contracts, plus a national register number), so a leak would show.
 */
import type { AccessRequestInput, Language } from '../../../functions/domain/request-schema.js';
import type { MailInput } from '../../../functions/messages/mail-templates.js';
import type { SigningPageInput } from '../../../functions/messages/pages.js';
import { MAX_DECLINE_REASON_LENGTH } from '../../../functions/http/signer/decline.js';
import { MAX_UPLOAD_BYTES, UPLOAD_CONTENT_TYPES } from '../../../functions/http/signer/receive-signature.js';

export const BROKER_NAME = 'Makelaardij Verbeke & Zonen';
export const LINK_TOKEN = 'q3Vb0T1x9YkLmN2pQrStUvWxYz0123456789_-AbCdE';
export const SIGN_LINK = `https://portal.example.be/sign/${LINK_TOKEN}`;
export const ACTIVATE_LINK = `https://portal.example.be/activate/${LINK_TOKEN}`;
/** 10:00 UTC: the same calendar day in Brussels. */
export const EXPIRES_AT = new Date('2026-11-28T10:00:00Z');

/** The day of {@link EXPIRES_AT} as each language writes it. */
export const EXPIRY_DATE_TEXT: Readonly<Record<Language, string>> = {
  nl: '28 november 2026',
  fr: '28 novembre 2026',
  de: '28. November 2026',
  en: '28 November 2026',
};

/** Hung on every person handed over, to prove it is never shown. */
export const NATIONAL_REGISTER_NUMBER = '68.04.12-123.45';

/** Every piece of personal data in `request` that must never be shown, contract labels included. */
export function privateValuesOf(request: AccessRequestInput): string[] {
  const client = request.client;
  const people = [
    request.requester,
    ...request.grantees.map((grantee) => grantee.person),
    client.type === 'legal' ? client.legalRepresentative : client.person,
  ];
  return [
    ...people.flatMap((someone) => [
      someone.birthDate,
      someone.birthDate.split('-').reverse().join('/'),
      someone.birthDate.split('-').reverse().join('.'),
      someone.address.street,
      someone.address.postalCode,
      someone.address.city,
    ]),
    request.requester.email,
    ...request.grantees.map((grantee) => grantee.person.email),
    ...(client.type === 'legal' ? [client.legalRepresentative.email] : []),
    ...request.contracts.flatMap((contract) => [contract.ref, contract.label]),
    ...(client.type === 'legal' ? [client.enterpriseNumber] : []),
    NATIONAL_REGISTER_NUMBER,
  ];
}

export function fullName(someone: { firstName: string; lastName: string }): string {
  return `${someone.firstName} ${someone.lastName}`;
}

function clientNameOf(request: AccessRequestInput): string {
  return request.client.type === 'legal' ? request.client.name : fullName(request.client.person);
}

/** A mail input of `kind` for `request`, with the whole request and the recipient's person spread in. */
export function mailFor(kind: MailInput['kind'], request: AccessRequestInput): MailInput {
  const { requester } = request;
  const grantee = request.grantees[1]?.person ?? requester;
  const everything = {
    ...request,
    language: request.language,
    brokerName: BROKER_NAME,
    expiresAt: EXPIRES_AT,
    nationalRegisterNumber: NATIONAL_REGISTER_NUMBER,
  };
  switch (kind) {
    case 'signatureInvitation':
    case 'signatureReminder': {
      const signing = {
        ...everything,
        ...requester,
        recipientName: fullName(requester),
        requesterName: fullName(requester),
        clientName: clientNameOf(request),
        grantees: request.grantees.map((each) => fullName(each.person)),
        role: 'requester' as const,
        link: SIGN_LINK,
      };
      return kind === 'signatureInvitation' ? { ...signing, kind } : { ...signing, kind, round: 2, rounds: 3 };
    }
    case 'scanRejected':
      return {
        ...everything,
        ...requester,
        kind,
        recipientName: fullName(requester),
        reason: 'Unreadable scan / scan illisible',
        link: SIGN_LINK,
      };
    case 'activationInvitation':
    case 'activationReminder':
      return {
        ...everything,
        ...grantee,
        kind,
        recipientName: fullName(grantee),
        clientName: clientNameOf(request),
        link: ACTIVATE_LINK,
      };
  }
}

/** A signing page input for `request`; its grantees carry their whole person. */
export function signingPageFor(request: AccessRequestInput, overrides: Partial<SigningPageInput> = {}): SigningPageInput {
  const labelOf = new Map(request.contracts.map((contract) => [contract.ref, contract.label]));
  return {
    ...request,
    language: request.language,
    token: LINK_TOKEN,
    signerName: fullName(request.requester),
    clientName: clientNameOf(request),
    brokerName: BROKER_NAME,
    role: 'requester',
    grantees: request.grantees.map((grantee) => ({
      ...grantee,
      ...grantee.person,
      nationalRegisterNumber: NATIONAL_REGISTER_NUMBER,
      name: fullName(grantee.person),
      scope: grantee.contracts === undefined ? 'all' : grantee.contracts.map((ref) => labelOf.get(ref) ?? ref),
    })),
    methods: request.signatureMethods ?? ['advanced', 'eid', 'handwritten'],
    uploads: { maxBytes: MAX_UPLOAD_BYTES, contentTypes: UPLOAD_CONTENT_TYPES },
    declineReasonMaxLength: MAX_DECLINE_REASON_LENGTH,
    expiresAt: EXPIRES_AT,
    ...overrides,
  };
}
