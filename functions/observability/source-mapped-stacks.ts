/**
 * Stacks that name the TypeScript sources and their lines, read from the source map beside each
 * chunk of a function's code (`index.mjs.map`, …) only when a stack is formatted: an error that
 * escapes a handler, which the Lambda runtime logs with its stack. Node's `--enable-source-maps`
 * maps the same stacks but reads and decodes the map of every chunk as the chunk loads, before
 * the first request: 9 to 22 ms of each cold start, for stacks the product's own logs never print
 * (`describeForLog` logs an error's name and details, issue 11).
 *
 * The libraries that do this (`source-map-support`, `@cspotcode/source-map-support`) cost as much
 * at start-up as the flag saves (the first loads `source-map` whole), or do not run as an ES
 * module (the second reads sloppy-mode `this`); Node's own parser (`SourceMap` of `node:module`)
 * needs only this hook around it.
 *
 * The Lambda build runs this module before any other (`scripts/lambda-build.ts`, esbuild's
 * `inject`). Tests and the local stack run the sources themselves and do not load it.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Each chunk's map once read (`undefined`: the chunk has none, or it could not be read). */
const maps = new Map<string, SourceMap | undefined>();

function mapOf(chunkUrl: string): SourceMap | undefined {
  if (!maps.has(chunkUrl)) {
    let map: SourceMap | undefined;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(chunkUrl)}.map`, 'utf8')));
    } catch {
      map = undefined;
    }
    maps.set(chunkUrl, map);
  }
  return maps.get(chunkUrl);
}

/** A frame as V8 prints it, its place in a chunk replaced by the place in the source (the maps name sources from the project's root: `functions/…`). */
function mappedFrame(frame: NodeJS.CallSite): string {
  const printed = frame.toString();
  const file = frame.getFileName();
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  if (!file?.startsWith('file:') || line === null || column === null) return printed;
  const origin = mapOf(file)?.findOrigin(line, column);
  if (!origin || !('fileName' in origin)) return printed;
  return printed.replace(`${file}:${line}:${column}`, `${origin.fileName}:${origin.lineNumber}:${origin.columnNumber}`);
}

function header(error: unknown): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
}

// In place of Node's default formatting, which prints the same frames unmapped.
Error.prepareStackTrace = (error, frames) => [header(error), ...frames.map((frame) => `    at ${mappedFrame(frame)}`)].join('\n');
