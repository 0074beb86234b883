/**
 * The synthesized template read as untyped JSON, as the local services' template readers read
 * it: its `Resources`, and a resource's `Properties`, each empty when missing or not an object.
 * Pure: no I/O.
 */
import { isObject, type Json } from './kms/json-object.js';

/** The template's `Resources` by logical id; empty when it has none. */
export function templateResources(template: unknown): Json {
  return isObject(template) && isObject(template['Resources']) ? template['Resources'] : {};
}

/** A resource's `Properties`; empty when it has none. */
export function resourceProperties(resource: unknown): Json {
  return isObject(resource) && isObject(resource['Properties']) ? resource['Properties'] : {};
}
