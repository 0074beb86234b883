/** How people and clients are named in e-mails, pages and the broker's view. */
import type { AccessRequest, Person } from './request-schema.js';

export function personName(person: Pick<Person, 'firstName' | 'lastName'>): string {
  return `${person.firstName} ${person.lastName}`;
}

/** The client as a reader knows him: the company's name, or the policyholder's (a request, or what the lists keep of one). */
export function clientName(request: {
  readonly client: { readonly type: 'legal'; readonly name: string } | { readonly type: 'natural'; readonly person: Pick<Person, 'firstName' | 'lastName'> };
}): string {
  return request.client.type === 'legal' ? request.client.name : personName(request.client.person);
}

/** A contract as a reader knows it, `Car insurance (POL-1)`; an unknown ref as it is. */
export function contractLabels(request: AccessRequest): (ref: string) => string {
  const labels = new Map(request.contracts.map((contract) => [contract.ref, `${contract.label} (${contract.ref})`]));
  return (ref) => labels.get(ref) ?? ref;
}
