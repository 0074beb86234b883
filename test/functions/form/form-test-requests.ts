/**
 * Requests for the form tests, built here so these tests stand alone. Names cover the
 * Latin-script letters the embedded font must render (Müller, Françoise, Łukasz, Şahin,
 * Ørsted, Dvořák).
 */
import type { AccessRequest, Contract, Grantee, Language, PersonWithEmail } from '../../../functions/domain/request-schema.js';

export function person(
  firstName: string,
  lastName: string,
  birthDate: string,
  street: string,
  city: string,
  email: string,
): PersonWithEmail {
  return { firstName, lastName, birthDate, email, address: { street, postalCode: '1000', city, country: 'België' } };
}

export const MULLER = person('Hans', 'Müller', '1961-04-23', 'Kerkstraat 12', 'Eupen', 'hans.muller@example.be');
export const FRANCOISE = person('Françoise', 'Dubois', '1975-11-02', 'Rue Haute 5', 'Namur', 'francoise@example.be');
export const LUKASZ = person('Łukasz', 'Kowalski', '1990-01-31', 'Leopoldlei 8', 'Antwerpen', 'lukasz@example.be');
export const SAHIN = person('Ayşe', 'Şahin', '1988-07-14', 'Chaussée de Gand 77', 'Molenbeek', 'ayse.sahin@example.be');
export const ORSTED = person('Ørsted', 'Dvořák', '2001-12-09', 'Stationsplein 1', 'Leuven', 'orsted.dvorak@example.be');

export const CONTRACTS: Contract[] = [
  { ref: 'POL-1001', label: 'Car insurance, VW Golf 1-ABC-123' },
  { ref: 'POL-1002', label: 'Home insurance, Kerkstraat 12' },
  { ref: 'POL-1003', label: 'Family liability' },
];

/** A natural-person client (Hans Müller) who asks access for himself and for three observers. */
export function naturalRequest(language: Language, overrides: Partial<AccessRequest> = {}): AccessRequest {
  const { address: _address, email: _email, ...rest } = MULLER;
  return {
    clientRef: 'C-1001',
    language,
    client: { type: 'natural', person: { ...rest, address: MULLER.address } },
    requester: MULLER,
    requestDate: '2026-11-20',
    contracts: CONTRACTS,
    grantees: [
      { relation: 'policyholder', person: MULLER },
      { relation: 'insured', person: FRANCOISE, contracts: ['POL-1001'] },
      { relation: 'other', person: LUKASZ, contracts: ['POL-1002', 'POL-1003'] },
      { relation: 'other', person: SAHIN, contracts: ['POL-1003'] },
    ],
    signatureMethods: ['advanced', 'eid', 'handwritten'],
    ...overrides,
  };
}

/** A company whose requester (Françoise Dubois) is not its legal representative (Ørsted Dvořák). */
export function companyRequest(language: Language, overrides: Partial<AccessRequest> = {}): AccessRequest {
  return {
    clientRef: 'C-2002',
    language,
    client: { type: 'legal', name: 'Bakkerij Peeters BV', enterpriseNumber: '0123.456.749', legalRepresentative: ORSTED },
    requester: FRANCOISE,
    requestDate: '2026-12-01',
    contracts: CONTRACTS,
    grantees: [
      { relation: 'legalRepresentative', person: ORSTED },
      { relation: 'other', person: FRANCOISE, contracts: ['POL-1001', 'POL-1003'] },
    ],
    signatureMethods: ['advanced', 'eid', 'handwritten'],
    ...overrides,
  };
}

/** `count` contracts, POL-2001 onwards. */
export function manyContracts(count: number): Contract[] {
  return Array.from({ length: count }, (_, index) => ({
    ref: `POL-${2001 + index}`,
    label: `Contract ${index + 1}: ${index % 2 === 0 ? 'Fire insurance, warehouse Industrieweg' : 'Fleet car insurance'} ${index + 1}`,
  }));
}

/** Five observers, each allowed to see the same `contracts` (R4.3). */
export function largeRequest(language: Language, contracts: Contract[]): AccessRequest {
  const refs = contracts.map((contract) => contract.ref);
  const grantees: Grantee[] = [MULLER, FRANCOISE, LUKASZ, SAHIN, ORSTED].map((who, index) => ({
    relation: 'other',
    person: { ...who, email: `observer${index + 1}@example.be` },
    contracts: refs,
  }));
  return naturalRequest(language, { contracts, grantees, client: { type: 'natural', person: { ...MULLER } } });
}
