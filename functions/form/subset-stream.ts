/**
 * The bytes of a form's font subset without waiting for a timer. fontkit's `encodeStream` starts
 * encoding on its bundled `process.nextTick`, which is a `setTimeout(…, 0)` (at least 1 ms, once
 * per font, twice per form), and hands the bytes over through a stream that waits on the same
 * timer (issue 11: `save` takes 16 ms). Here the subset is encoded into the same fontkit encoder
 * at once, its chunks are kept as the encoder writes them, and pdf-lib (`serializeFont`, which
 * listens for `data`, `end` and `error`) gets them on the next microtask: the same bytes, in the
 * same order.
 *
 * fontkit does not export its encoder class (restructure's `EncodeStream`): it is taken from the
 * first stream fontkit makes in the process, so a process's first form waits on the timer once.
 *
 * A TrueType subset whose font has a template (`subset-encoder.ts`) is not given to fontkit's
 * encoder at all: its glyphs are gathered as fontkit's `encode` gathers them, and its bytes
 * written by `encodeSubset`. The template is made from the first subset of the font that
 * fontkit's encoder writes here.
 */
import { encodeSubset, subsetTemplate, type SubsetTemplate } from './subset-encoder.js';
import type { TrueTypeSubset } from './subset-glyph-records.js';

/** restructure's EncodeStream as fontkit bundles it: writes go through `push`. */
interface EncodeStream {
  push(chunk: Uint8Array | null): boolean;
  end(): void;
}

type EncodeStreamClass = new () => EncodeStream;

/** fontkit's subset while it is written: `encode` writes it all into a stream. */
export interface EncodableSubset {
  encode(stream: EncodeStream): void;
  encodeStream(): unknown;
}

/**
 * The template of one font's TrueType subsets: `undefined` until fontkit's encoder has written
 * one of them, `null` when that subset showed the template cannot give fontkit's bytes.
 */
export interface SubsetTemplateSlot {
  template: SubsetTemplate | null | undefined;
}

type Listener = (value?: unknown) => void;

let encoderClass: EncodeStreamClass | undefined;

/** The part of a Readable that pdf-lib's `serializeFont` uses, replaying chunks already made. */
function replay(chunks: readonly Uint8Array[]): { on(event: string, listener: Listener): unknown } {
  const listeners = new Map<string, Listener>();
  const emitter = {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return emitter;
    },
  };
  queueMicrotask(() => {
    const data = listeners.get('data');
    for (const chunk of chunks) data?.(chunk);
    listeners.get('end')?.();
  });
  return emitter;
}

/** Gathers the subset's glyphs as `TTFSubset.encode` does before it writes the tables. */
function gatherGlyphs(subset: TrueTypeSubset): void {
  subset.glyf = [];
  subset.offset = 0;
  subset.loca = { offsets: [] };
  subset.hmtx = { metrics: [], bearings: [] };
  // Not a for-of: a composite glyph adds its components to `glyphs` while they are copied.
  let index = 0;
  while (index < subset.glyphs.length) subset._addGlyph(subset.glyphs[index++] ?? 0);
}

/**
 * Makes `subset.encodeStream()` encode at once (see the module comment); with `templateSlot`
 * (a TrueType subset), from the font's template once there is one.
 */
export function encodeWithoutTimer(subset: EncodableSubset, templateSlot?: SubsetTemplateSlot): void {
  const fontkitEncodeStream = subset.encodeStream;
  subset.encodeStream = function encodeStream(this: EncodableSubset): unknown {
    const template = templateSlot?.template;
    if (template) {
      const fields = this as unknown as TrueTypeSubset;
      gatherGlyphs(fields);
      return replay([encodeSubset(template, { glyf: fields.glyf, metrics: fields.hmtx.metrics })]);
    }
    if (!encoderClass) {
      const stream = fontkitEncodeStream.call(this) as EncodeStream;
      encoderClass = stream.constructor as EncodeStreamClass;
      return stream;
    }
    const stream = new encoderClass();
    const chunks: Uint8Array[] = [];
    stream.push = (chunk) => {
      if (chunk !== null) chunks.push(chunk);
      return true;
    };
    this.encode(stream);
    stream.end();
    if (templateSlot && templateSlot.template === undefined) {
      const fields = this as unknown as TrueTypeSubset;
      templateSlot.template = subsetTemplate(Buffer.concat(chunks), { glyf: fields.glyf, metrics: fields.hmtx.metrics }) ?? null;
    }
    return replay(chunks);
  };
}
