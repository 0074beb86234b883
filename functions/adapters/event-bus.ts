/**
 * The product's EventBridge bus seen from the functions: publishes the events of committed
 * changes (functions/events/, docs/events.md), called by the outbox's `publishEvents` action.
 * PutEvents takes at most ten entries a call and answers per entry, so events go in batches of
 * ten and the entries it refused (throttled, an internal failure) are sent again, a few times;
 * what is still refused fails the delivery, which the outbox leaves to the housekeeping job.
 * `AWS_ENDPOINT_URL_EVENTBRIDGE` points the client at the local stack's bus.
 */
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { config } from '../config/config.js';
import type { PortalEvent } from '../events/event-schemas.js';
import { ProductError } from '../errors/product-error.js';
import { clientOnFirstUse } from './sdk-on-first-use.js';

/** PutEvents' own limit on entries per call. */
export const MAX_ENTRIES_PER_CALL = 10;

/** How often one batch is sent at most: the first time, then twice more for the entries refused. */
export const PUT_ATTEMPTS = 3;

/** A short pause before sending refused entries again, growing with the attempt. */
const RETRY_PAUSE_MS = 50;

/** EventBridge's SDK, imported on the first publication (functions/adapters/sdk-on-first-use.ts). */
const eventBridge = clientOnFirstUse(() => import('@aws-sdk/client-eventbridge'), (sdk) => new sdk.EventBridgeClient({}));

/** The function was given no bus (EVENT_BUS_NAME): infra/function-access.ts did not let it publish. */
export class EventBusNotConfigured extends ProductError<Record<string, never>> {
  override readonly name = 'EventBusNotConfigured';
}

/** Some entries were still refused after {@link PUT_ATTEMPTS} sends; the rest of the batch was published. */
export class EventsNotPublished extends ProductError<{ refused: number; errorCodes: string[]; eventIds: string[] }> {
  override readonly name = 'EventsNotPublished';
}

/**
 * Publishes `events` in order, ten a call. An event may be published twice (a retried delivery
 * sends the whole action again): consumers drop repeats by `detail.eventId`.
 * @throws EventsNotPublished when entries stay refused; the SDK's error when a call fails whole
 */
export async function publishEvents(events: readonly PortalEvent[]): Promise<void> {
  const busName = config().EVENT_BUS_NAME;
  if (!busName) throw new EventBusNotConfigured('EVENT_BUS_NAME is not set: this function may not publish events', {});
  for (let start = 0; start < events.length; start += MAX_ENTRIES_PER_CALL) {
    await putBatch(events.slice(start, start + MAX_ENTRIES_PER_CALL).map((event) => entryOf(busName, event)));
  }
}

async function putBatch(entries: readonly PutEventsRequestEntry[]): Promise<void> {
  const { client, sdk } = await eventBridge();
  let pending = entries;
  for (let attempt = 1; ; attempt++) {
    const answer = await client.send(new sdk.PutEventsCommand({ Entries: [...pending] }));
    if (!answer.FailedEntryCount) return;
    // The answer's entries are in the order sent: one that carries an error code was refused.
    const refused = pending.flatMap((entry, index) => {
      const result = answer.Entries?.[index];
      return result?.EventId && !result.ErrorCode ? [] : [{ entry, errorCode: result?.ErrorCode ?? 'Unanswered' }];
    });
    if (refused.length === 0) return;
    if (attempt >= PUT_ATTEMPTS) {
      throw new EventsNotPublished(`PutEvents refused ${refused.length} of ${entries.length} entries ${attempt} times`, {
        refused: refused.length,
        errorCodes: [...new Set(refused.map((failure) => failure.errorCode))],
        eventIds: refused.map((failure) => eventIdOf(failure.entry)),
      });
    }
    pending = refused.map((failure) => failure.entry);
    await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS * attempt));
  }
}

function entryOf(busName: string, event: PortalEvent): PutEventsRequestEntry {
  return { EventBusName: busName, Source: event.source, DetailType: event.detailType, Detail: JSON.stringify(event.detail), Time: new Date(event.time) };
}

function eventIdOf(entry: PutEventsRequestEntry): string {
  return String((JSON.parse(entry.Detail ?? '{}') as { eventId?: unknown }).eventId ?? '');
}
