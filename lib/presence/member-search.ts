/** The member list offers a search field once more than this many others are here (a glance reads fewer). */
export const MEMBER_SEARCH_FROM = 10;
/** Longest search accepted (a display name is at most this long in practice; more is a paste accident). */
export const MAX_MEMBER_SEARCH_LENGTH = 100;

/** Lower case, without accents, so "jose" finds "José". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** The members whose display name contains the query (case and accents ignored); all of them for a blank query. */
export function filterByName<M extends { info: { name: string } }>(members: readonly M[], query: string): readonly M[] {
  const needle = foldForSearch(query.trim().slice(0, MAX_MEMBER_SEARCH_LENGTH));
  if (needle === '') return members;
  return members.filter((member) => foldForSearch(member.info.name).includes(needle));
}
