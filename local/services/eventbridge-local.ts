/**
 * EventBridge on loopback, for the product's own bus (docs/events.md). No npm package serves
 * the API, so this server speaks it as `@aws-sdk/client-eventbridge` does (AWS JSON 1.1):
 * `POST /` with `X-Amz-Target: AWSEvents.PutEvents`, timestamps as epoch seconds, errors as
 * HTTP 400 `{"__type": "<Code>", "message"}` and refused entries answered one by one, as
 * EventBridge answers them. The buses are the template's (`AWS::Events::EventBus`) and
 * `default`; every accepted event is journaled to `<dataDir>/events/events.jsonl` before the
 * call is answered and listed at `GET /events` (`{ "events": [...] }`, as the SES emulator lists
 * its mails at `/store`); the template's pattern rules hand it to their Lambda targets, run
 * through `invoke` (the local Lambda runtime).
 *
 * AWS services put their own events on a bus (SES's feedback on a mail, on `default`): the
 * local stack does so with `putServiceEvents`, journaled and routed alike, without the `aws.`
 * source PutEvents refuses to a caller.
 *
 * Served: PutEvents. Unlike AWS: no other operation, no archives or replays, request signatures
 * not checked, a failed target invocation retried at once rather than a minute later.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { sendAwsJson } from '../aws-json-answer.js';
import { LOCAL_ACCOUNT_ID } from '../http-front/proxy-event.js';
import { parseJsonObject } from './kms/json-request-body.js';
import { KmsApiError } from './kms/kms-errors.js';
import { listenOnLoopback } from './listen-on-loopback.js';
import { readCappedBody } from './read-capped-body.js';
import type { Json } from './kms/json-object.js';
import { LocalStackError } from '../local-stack-error.js';
import { EventJournal, type CapturedBusEvent } from './eventbridge/event-journal.js';
import { putEvents } from './eventbridge/put-events.js';
import { ruleDeliveries, type InvokeTarget } from './eventbridge/rule-deliveries.js';
import { DEFAULT_EVENT_BUS, readTemplateEventBuses, readTemplateEventRules } from './eventbridge/template-event-rules.js';

export type { CapturedBusEvent } from './eventbridge/event-journal.js';
export type { BusEvent } from './eventbridge/put-events.js';
export { readTemplateEventBuses, TemplateEventRuleError } from './eventbridge/template-event-rules.js';

const PUT_EVENTS_TARGET = 'AWSEvents.PutEvents';
/** More than PutEvents' 256 KB of entries in JSON with its escapes; a larger body is refused unread. */
const MAX_REQUEST_BYTES = 1024 * 1024;

export interface EventBridgeLocalOptions {
  /** Directory of `events/events.jsonl`; created when missing. */
  readonly dataDir: string;
  /** The synthesized template: its buses and pattern rules. */
  readonly template: unknown;
  /** Runs a rule's target function with an event (the local stack binds the catalog's handlers). */
  readonly invoke: InvokeTarget;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default 'eu-west-1' */
  readonly region?: string;
  /** An entry without `Time` is stamped with this clock's time. @default Date.now */
  readonly now?: () => number;
  /** Where a target that failed every time is reported. @default console.error */
  readonly onError?: (message: string, error: unknown) => void;
}

/** An event an AWS service puts on a bus of the account (SES: `aws.ses`, `Email Bounced`). */
export interface ServiceEvent {
  readonly eventBusName: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: Json;
  readonly resources?: readonly string[];
}

/** A refusal of the next entries, as EventBridge refuses entries when it throttles or fails. */
export interface EntryRefusal {
  /** How many entries it refuses before it is spent. */
  readonly times: number;
  /** @default 'InternalFailure' */
  readonly errorCode?: 'InternalFailure' | 'ThrottlingException';
}

export interface EventBridgeLocal {
  /** e.g. `http://127.0.0.1:43123`: `AWS_ENDPOINT_URL_EVENTBRIDGE`, and `GET /events`. */
  readonly endpoint: string;
  /** Every event accepted, oldest first (what `GET /events` lists). */
  listEvents(): CapturedBusEvent[];
  /**
   * Puts events as an AWS service does (SES's feedback, local/services/ses/mailbox-simulator.ts):
   * journaled, listed and routed as PutEvents' entries are. `settle()` waits for them too.
   * @throws LocalStackError for a bus that does not exist
   */
  putServiceEvents(events: readonly ServiceEvent[]): Promise<void>;
  /** Refuses the next entries put, each with its own error code in the answer (tests of delivery). */
  refuseEntries(refusal: EntryRefusal): void;
  /** Resolves once every rule target invoked so far has run. */
  settle(): Promise<void>;
  /** Stops the server once the journal is on disk and the targets ran. Safe to call twice. */
  stop(): Promise<void>;
}

/** The events a local bus at `endpoint` lists (another process's too). */
export async function listBusEvents(endpoint: string): Promise<CapturedBusEvent[]> {
  const response = await fetch(`${endpoint}/events`);
  const body = (await response.json()) as { events?: CapturedBusEvent[] };
  return body.events ?? [];
}

export async function startEventBridgeLocal(options: EventBridgeLocalOptions): Promise<EventBridgeLocal> {
  const region = options.region ?? 'eu-west-1';
  const buses = new Set([DEFAULT_EVENT_BUS, ...readTemplateEventBuses(options.template).map((bus) => bus.name)]);
  const deliveries = ruleDeliveries({
    rules: readTemplateEventRules(options.template),
    invoke: options.invoke,
    onError: options.onError ?? ((message, error) => console.error(message, error)),
  });
  const journal = await EventJournal.open(path.join(options.dataDir, 'events', 'events.jsonl'));
  const refusals: { left: number; errorCode: string }[] = [];
  const injectedRefusal = () => {
    const armed = refusals.find((refusal) => refusal.left > 0);
    if (!armed) return undefined;
    armed.left -= 1;
    return { errorCode: armed.errorCode };
  };

  // Service events being journaled: settle() waits for them before it waits for their targets.
  let servicePuts: Promise<void> = Promise.resolve();
  const putServiceEvents = (serviceEvents: readonly ServiceEvent[]): Promise<void> => {
    const unknown = serviceEvents.find((event) => !buses.has(event.eventBusName));
    if (unknown) return Promise.reject(new LocalStackError(`Event bus ${unknown.eventBusName} does not exist`));
    const time = `${new Date(options.now?.() ?? Date.now()).toISOString().slice(0, 19)}Z`;
    const accepted = serviceEvents.map((event) => ({
      eventBusName: event.eventBusName,
      event: {
        version: '0' as const,
        id: randomUUID(),
        'detail-type': event.detailType,
        source: event.source,
        account: LOCAL_ACCOUNT_ID,
        time,
        region,
        resources: [...(event.resources ?? [])],
        detail: event.detail,
      },
    }));
    const put = servicePuts.then(async () => {
      await journal.append(accepted);
      for (const one of accepted) deliveries.route(one);
    });
    servicePuts = put.catch(() => undefined);
    return put;
  };

  const answerPutEvents = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readCappedBody(request, MAX_REQUEST_BYTES);
    if (body === 'too-large') throw new KmsApiError('ValidationException', `Request body exceeds ${MAX_REQUEST_BYTES} bytes`, 413);
    const now = new Date(options.now?.() ?? Date.now());
    const { answer, accepted } = putEvents(parseJsonObject(body), { account: LOCAL_ACCOUNT_ID, region, buses, now, newId: randomUUID, injectedRefusal });
    // Journaled before answering: an event EventBridge accepted is not lost if the stack dies a moment later.
    await journal.append(accepted);
    sendAwsJson(response, 200, answer, '1.1');
    for (const put of accepted) deliveries.route(put);
  };

  const server = createServer((request, response) => {
    void (async () => {
      try {
        if (request.method === 'GET' && (request.url ?? '').split('?')[0] === '/events') {
          const text = JSON.stringify({ events: journal.list() });
          response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
          response.end(text);
          return;
        }
        const target = String(request.headers['x-amz-target'] ?? '');
        if (request.method !== 'POST' || target !== PUT_EVENTS_TARGET) {
          request.resume();
          throw new KmsApiError('UnknownOperationException', `Unknown operation ${request.method ?? ''} ${target}`);
        }
        await answerPutEvents(request, response);
      } catch (error) {
        // KMS's body reader and errors refuse a bad body as AWS does; their codes are EventBridge's too.
        if (error instanceof KmsApiError) sendAwsJson(response, error.status, { __type: error.name, message: error.message }, '1.1');
        else sendAwsJson(response, 500, { __type: 'InternalException', message: error instanceof Error ? error.message : String(error) }, '1.1');
      }
    })();
  });
  const listening = await listenOnLoopback(server, { port: options.port });
  let stopping: Promise<void> | undefined;
  return {
    endpoint: listening.endpoint,
    listEvents: () => journal.list(),
    putServiceEvents,
    refuseEntries: (refusal) => refusals.push({ left: refusal.times, errorCode: refusal.errorCode ?? 'InternalFailure' }),
    settle: async () => {
      let current: Promise<void>;
      do {
        current = servicePuts;
        await current;
        await deliveries.settle();
      } while (current !== servicePuts);
    },
    stop: () =>
      (stopping ??= listening
        .close()
        .then(() => servicePuts)
        .then(() => Promise.all([journal.flushed(), deliveries.settle()]))
        .then(() => undefined)),
  };
}
