/** Ids are uuids; anything else cannot match and would make PostgreSQL raise instead. */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string can be a user or room id (a uuid): every query checks before asking PostgreSQL. */
export function isUserId(value: string): boolean {
  return UUID_PATTERN.test(value);
}
