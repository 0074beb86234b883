/**
 * The form both form benches render (bench/run.ts, bench/form-render.ts): 5 grantees and 20
 * contracts, the worst case of every observer listing all 20.
 */
import { validateAccessRequest } from '../functions/domain/request-validation.js';
import type { AccessRequest } from '../functions/domain/request-schema.js';
import { naturalClientRequest, otherGrantee, PEOPLE, policyholderGrantee, TODAY } from '../test/fixtures/access-request-builder.js';

export function benchFormRequest(): AccessRequest {
  const contracts = Array.from({ length: 20 }, (_, i) => ({ ref: `POL-${i + 1}`, label: `Contract ${i + 1}: car, home, family liability` }));
  const people = [PEOPLE.francoise(), PEOPLE.lukasz(), PEOPLE.elif(), { ...PEOPLE.lukasz(), firstName: 'Jan', email: 'jan@example.be' }];
  const body = naturalClientRequest({
    contracts,
    grantees: [policyholderGrantee(), ...people.map((person) => otherGrantee(contracts.map((c) => c.ref), person))],
  });
  const checked = validateAccessRequest(body, TODAY);
  if (!checked.ok) throw new Error(`bench request invalid: ${JSON.stringify(checked.issues)}`);
  return checked.request;
}
