/**
 * The Step Functions API over HTTP, as `@aws-sdk/client-sfn` speaks it (AWS JSON 1.0):
 * `POST /` with `X-Amz-Target: AWSStepFunctions.<Operation>`, JSON in and out, timestamps
 * as epoch seconds, errors as HTTP 400 `{"__type": "...#<Code>", "message": ...}` so the
 * SDK throws its modelled errors. Code using the SDK works unchanged against it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../services/listen-on-loopback.js';
import type {
  DescribeExecutionInput,
  DescribeExecutionOutput,
  GetExecutionHistoryInput,
  GetExecutionHistoryOutput,
  ListExecutionsInput,
  ListExecutionsOutput,
  SendTaskFailureInput,
  SendTaskHeartbeatInput,
  SendTaskSuccessInput,
  StartExecutionInput,
  StartExecutionOutput,
  StopExecutionInput,
  StopExecutionOutput,
} from '@aws-sdk/client-sfn';
import { StepFunctionsApiError } from './step-functions-errors.js';
import { sendAwsJson } from '../aws-json-answer.js';

/** The operations served; each may throw a {@link StepFunctionsApiError}. */
export interface StepFunctionsOperations {
  startExecution(input: StartExecutionInput): Promise<StartExecutionOutput>;
  describeExecution(input: DescribeExecutionInput): Promise<DescribeExecutionOutput>;
  stopExecution(input: StopExecutionInput): Promise<StopExecutionOutput>;
  sendTaskSuccess(input: SendTaskSuccessInput): Promise<void>;
  sendTaskFailure(input: SendTaskFailureInput): Promise<void>;
  sendTaskHeartbeat(input: SendTaskHeartbeatInput): Promise<void>;
  getExecutionHistory(input: GetExecutionHistoryInput): Promise<GetExecutionHistoryOutput>;
  listExecutions(input: ListExecutionsInput): Promise<ListExecutionsOutput>;
}

export interface StepFunctionsServerOptions {
  readonly operations: StepFunctionsOperations;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** @default 0 (a free port) */
  readonly port?: number;
}

export interface StepFunctionsServer {
  /** e.g. `http://127.0.0.1:43123`, the SDK client's `endpoint`. */
  readonly url: string;
  close(): Promise<void>;
}

const TARGET_PREFIX = 'AWSStepFunctions.';
const ERROR_TYPE_NAMESPACE = 'com.amazonaws.swf.service.v2.model';

type Operation = (operations: StepFunctionsOperations, body: never) => Promise<object | void>;

const operationsByTarget: Record<string, Operation> = {
  StartExecution: (operations, body: StartExecutionInput) => operations.startExecution(body),
  DescribeExecution: (operations, body: DescribeExecutionInput) => operations.describeExecution(body),
  StopExecution: (operations, body: StopExecutionInput) => operations.stopExecution(body),
  SendTaskSuccess: (operations, body: SendTaskSuccessInput) => operations.sendTaskSuccess(body),
  SendTaskFailure: (operations, body: SendTaskFailureInput) => operations.sendTaskFailure(body),
  SendTaskHeartbeat: (operations, body: SendTaskHeartbeatInput) => operations.sendTaskHeartbeat(body),
  GetExecutionHistory: (operations, body: GetExecutionHistoryInput) => operations.getExecutionHistory(body),
  ListExecutions: (operations, body: ListExecutionsInput) => operations.listExecutions(body),
};

/** Starts the server on loopback (by default) and a free port. */
export async function startStepFunctionsServer(options: StepFunctionsServerOptions): Promise<StepFunctionsServer> {
  const server = createServer((request, response) => {
    void answer(options.operations, request, response);
  });
  const listening = await listenOnLoopback(server, { port: options.port, host: options.host });
  return { url: listening.endpoint, close: () => listening.close() };
}

async function answer(operations: StepFunctionsOperations, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    if (request.method !== 'POST') throw new StepFunctionsApiError('UnknownOperationException', `Method ${request.method ?? ''} not allowed`);
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? operationsByTarget[target.slice(TARGET_PREFIX.length)] : undefined;
    if (!operation) throw new StepFunctionsApiError('UnknownOperationException', `Unknown operation ${target}`);
    const body = await readJsonBody(request);
    const result = await operation(operations, body as never);
    sendAwsJson(response, 200, toWire(result ?? {}), '1.0');
  } catch (error) {
    if (error instanceof StepFunctionsApiError) {
      sendAwsJson(response, 400, { __type: `${ERROR_TYPE_NAMESPACE}#${error.name}`, message: error.message }, '1.0');
    } else {
      sendAwsJson(response, 500, { __type: `${ERROR_TYPE_NAMESPACE}#InternalFailure`, message: (error as Error)?.message ?? String(error) }, '1.0');
    }
  }
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new StepFunctionsApiError('ValidationException', 'Request body is not JSON');
  }
}

/** Dates become epoch seconds; undefined fields are left out. */
function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, field]) => field !== undefined)
        .map(([key, field]) => [key, toWire(field)]),
    );
  }
  return value;
}

