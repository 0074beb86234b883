/**
 * When a waiting stage (signing, activation) ends: its rounds times the round's length, as the
 * workflow passes them; without them, the configured link lifetime.
 */
import { config } from '../config/config.js';

export function stageDeadline(now: Date, stage: { readonly rounds: number; readonly roundSeconds?: number | undefined }): Date {
  const seconds = stage.roundSeconds ? stage.roundSeconds * stage.rounds : config().LINK_TTL_SECONDS;
  return new Date(now.getTime() + seconds * 1000);
}
