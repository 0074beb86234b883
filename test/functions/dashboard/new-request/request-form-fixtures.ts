/**
 * The new-request form filled in as a broker would fill it for a request body: the fields
 * (functions/dashboard/new-request/request-form-fields.ts) whose body is that request. Each person
 * the rules make one is entered once (R1, R4.1, R4.4, R6), so the body must name them alike, as
 * the fixtures of test/fixtures/access-request-builder.ts do.
 */
import type { AccessRequestInput, PersonWithEmail } from '../../../../functions/domain/request-schema.js';
import { samePerson } from '../../../../functions/domain/person-identity.js';
import { SIGNATURE_METHODS } from '../../../../functions/domain/request-schema.js';

type Person = Omit<PersonWithEmail, 'email'> & { email?: string };

function personFields(prefix: string, person: Person): [string, string[]][] {
  return [
    [`${prefix}.lastName`, [person.lastName]],
    [`${prefix}.firstName`, [person.firstName]],
    [`${prefix}.birthDate`, [person.birthDate]],
    [`${prefix}.address.street`, [person.address.street]],
    [`${prefix}.address.postalCode`, [person.address.postalCode]],
    [`${prefix}.address.city`, [person.address.city]],
    [`${prefix}.address.country`, [person.address.country]],
    ...(person.email === undefined ? [] : ([[`${prefix}.email`, [person.email]]] as [string, string[]][])),
  ];
}

/** The form's fields for `body`. */
export function formFieldsFor(body: AccessRequestInput): Map<string, string[]> {
  const fields = new Map<string, string[]>([
    ['clientRef', [body.clientRef]],
    ['language', [body.language]],
    ['requestDate', [body.requestDate]],
    ['client.type', [body.client.type]],
    ['signatureMethods', [...(body.signatureMethods ?? SIGNATURE_METHODS)]],
  ]);
  if (body.client.type === 'natural') {
    for (const [name, values] of personFields('client.person', { ...body.client.person, email: body.requester.email })) fields.set(name, values);
  } else {
    fields.set('client.name', [body.client.name]);
    fields.set('client.enterpriseNumber', [body.client.enterpriseNumber]);
    for (const [name, values] of personFields('client.legalRepresentative', body.client.legalRepresentative)) fields.set(name, values);
    const representativeAsks = samePerson(body.requester, body.client.legalRepresentative);
    fields.set('requesterIs', [representativeAsks ? 'legalRepresentative' : 'other']);
    if (!representativeAsks) for (const [name, values] of personFields('requester', body.requester)) fields.set(name, values);
  }
  body.contracts.forEach((contract, index) => {
    fields.set(`contracts.${index}.ref`, [contract.ref]);
    fields.set(`contracts.${index}.label`, [contract.label]);
  });
  body.grantees.forEach((grantee, index) => {
    fields.set(`grantees.${index}.relation`, [grantee.relation]);
    if (grantee.relation === 'policyholder' || grantee.relation === 'legalRepresentative') return;
    for (const [name, values] of personFields(`grantees.${index}.person`, grantee.person)) fields.set(name, values);
    fields.set(`grantees.${index}.contracts`, [...(grantee.contracts ?? [])]);
  });
  return fields;
}
