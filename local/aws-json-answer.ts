/**
 * An answer in the AWS JSON protocols (1.0: Step Functions, 1.1: KMS) as the local servers
 * write it: the JSON body, its length, and a request id, as the SDK clients expect.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export function sendAwsJson(response: ServerResponse, status: number, body: unknown, version: '1.0' | '1.1'): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': `application/x-amz-json-${version}`,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  response.end(text);
}
