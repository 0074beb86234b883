/**
 * The client of the local test signing service (local/services/signing-service-local.ts), the
 * stand-in for PortiSign / Connective on the local stack. Its API, over HTTP with the API key as
 * a bearer token:
 *
 * - `POST /api/sessions` `{ documentName, pdf (base64), signer, callbackUrl, returnUrl,
 *   externalReference, expiresAt }` → `201 { sessionId, signerUrl, status }`
 * - `GET /api/sessions/{id}` → `{ sessionId, status, externalReference }`
 * - `GET /api/sessions/{id}/signed.pdf` → the signed PDF once `finished` (409 before)
 *
 * and its callback body is `{ "sessionId", "status", "deliveryId" }`, signed as
 * callback-authentication.ts says; only `sessionId` is read.
 */
import * as z from 'zod/mini';
import {
  SIGNING_SESSION_STATUSES,
  SigningServiceFault,
  SigningServiceUnavailable,
  isSigningSessionId,
  type SigningProvider,
  type SigningSessionInput,
  type SigningSessionStatus,
  type StartedSigningSession,
} from './signing-provider.js';

/** How long one call to the service may take. */
const CALL_TIMEOUT_MS = 15_000;

const startedAnswer = z.object({ sessionId: z.string().check(z.refine(isSigningSessionId)), signerUrl: z.url() });
const statusAnswer = z.object({ sessionId: z.string(), status: z.enum(SIGNING_SESSION_STATUSES) });
const callbackBody = z.object({ sessionId: z.string() });

export interface LocalTestProviderOptions {
  /** The service's base URL (SIGNING_SERVICE_URL), no trailing slash. */
  readonly baseUrl: string;
  readonly apiKey: string;
}

export class LocalTestProvider implements SigningProvider {
  readonly name = 'local-test';

  constructor(private readonly options: LocalTestProviderOptions) {}

  async startSession(input: SigningSessionInput): Promise<StartedSigningSession> {
    const body = {
      documentName: input.documentName,
      pdf: Buffer.from(input.pdf).toString('base64'),
      signer: input.signer,
      callbackUrl: input.callbackUrl,
      returnUrl: input.returnUrl,
      externalReference: input.externalReference,
      expiresAt: input.expiresAt.toISOString(),
    };
    const answer = await this.call('startSession', '/api/sessions', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    return this.parse('startSession', startedAnswer, await answer.json());
  }

  async sessionStatus(sessionId: string): Promise<SigningSessionStatus> {
    const answer = await this.call('sessionStatus', `/api/sessions/${encodeURIComponent(sessionId)}`, { method: 'GET' });
    const parsed = this.parse('sessionStatus', statusAnswer, await answer.json());
    if (parsed.sessionId !== sessionId) throw this.fault('sessionStatus', `answered about session ${parsed.sessionId}, not ${sessionId}`);
    return parsed.status;
  }

  async downloadSignedPdf(sessionId: string, maxBytes: number): Promise<Uint8Array> {
    const answer = await this.call('downloadSignedPdf', `/api/sessions/${encodeURIComponent(sessionId)}/signed.pdf`, { method: 'GET' });
    const declared = Number(answer.headers.get('content-length') ?? 0);
    if (declared > maxBytes) throw this.fault('downloadSignedPdf', `the signed PDF is ${declared} bytes, over ${maxBytes}`);
    const bytes = new Uint8Array(await answer.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw this.fault('downloadSignedPdf', `the signed PDF is ${bytes.byteLength} bytes, over ${maxBytes}`);
    return bytes;
  }

  sessionIdOfCallback(body: string): string | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
    const named = callbackBody.safeParse(parsed);
    return named.success && isSigningSessionId(named.data.sessionId) ? named.data.sessionId : undefined;
  }

  /** One call; a network failure, a 429 or a 5xx is passing, any other non-2xx a fault. */
  private async call(operation: string, path: string, init: RequestInit): Promise<Response> {
    let answer: Response;
    try {
      answer = await fetch(`${this.options.baseUrl}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${this.options.apiKey}`, accept: 'application/json, application/pdf' },
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (error) {
      throw new SigningServiceUnavailable(`The signing service did not answer ${operation}`, { provider: this.name, operation }, { cause: error });
    }
    if (answer.ok) return answer;
    await answer.body?.cancel();
    const details = { provider: this.name, operation, statusCode: answer.status };
    if (answer.status === 429 || answer.status >= 500) throw new SigningServiceUnavailable(`The signing service answered ${operation} with ${answer.status}`, details);
    throw new SigningServiceFault(`The signing service refused ${operation} with ${answer.status}`, details);
  }

  private parse<T>(operation: string, schema: z.ZodMiniType<T>, value: unknown): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw this.fault(operation, 'answered a body of another shape');
    return parsed.data;
  }

  private fault(operation: string, what: string): SigningServiceFault {
    return new SigningServiceFault(`The signing service ${what} (${operation})`, { provider: this.name, operation });
  }
}
