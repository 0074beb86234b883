/**
 * Notes: free text a person wrote about a request — a signer's reason to decline, a broker's
 * reason to reject a scan, cancel a request or revoke a grant. Such text may name people, so it
 * is personal data: it is kept in a note item beside the request, and the audit entry that
 * records the step holds only a salted SHA-256 of it ({@link NoteRef}). Erasing the request's
 * personal data deletes the notes; the audit trail stays whole and still checks.
 */
import { createHash, randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { NoteRef } from '../domain/audit-event.js';
import { documentClient, keys, tableName } from './dynamo-table.js';
import type { TransactItem } from './transact-item.js';

/** A note as stored. */
export interface StoredNote {
  readonly noteId: string;
  readonly text: string;
  readonly salt: string;
  readonly at: string;
}

/** A new note: its reference for the audit entry and the item that stores it (in the change's transaction). */
export function newNote(requestId: string, text: string, at: string): { ref: NoteRef; item: { name: string; item: TransactItem } } {
  const noteId = randomBytes(9).toString('base64url');
  const salt = randomBytes(16).toString('base64url');
  const note: StoredNote = { noteId, text, salt, at };
  return {
    ref: { id: noteId, sha256: noteHash(note) },
    item: {
      name: 'note',
      item: { Put: { TableName: tableName(), Item: { ...keys.note(requestId, noteId), entity: 'note', ...note }, ConditionExpression: 'attribute_not_exists(pk)' } },
    },
  };
}

/** The salted hash an audit entry keeps: without the salt (erased with the note) a short text cannot be guessed back. */
export function noteHash(note: Pick<StoredNote, 'salt' | 'text'>): string {
  return createHash('sha256').update(note.salt).update('\n').update(note.text).digest('hex');
}

/** The text of a note, or undefined once erased. */
export async function readNote(requestId: string, ref: NoteRef | undefined): Promise<string | undefined> {
  if (!ref) return undefined;
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.note(requestId, ref.id), ConsistentRead: true }));
  return typeof Item?.text === 'string' ? Item.text : undefined;
}
