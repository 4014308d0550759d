import { IdentitySchema, type Identity } from '../../shared/model/identity';

/**
 * The identity kept in the meta row's value (read through Dexie by installation.ts, or at start-up by earlyReads.ts);
 * null if none or not valid. Its own module: the first screen loads it with zod and this one schema only.
 */
export function identityFromRow(value: unknown): Identity | null {
  const parsed = IdentitySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
