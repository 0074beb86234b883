/**
 * A local server reads a request body whole before it answers, but never holds more than it
 * would accept. A body over the cap is still read to its end (and dropped) rather than cut off,
 * so the client, still sending, gets to read the refusal and the connection stays usable.
 */
import type { IncomingMessage } from 'node:http';

/** The whole body of `request`, or 'too-large' once it passes `maxBytes` (the rest read and dropped). */
export function readCappedBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    request.once('end', () => resolve(size > maxBytes ? 'too-large' : Buffer.concat(chunks, size)));
    request.once('error', reject);
  });
}
