/**
 * A watchlist holds at most 100 user ids (Pusher: "Each user can have a default maximum of 100 user IDs in
 * their Watchlist"); the People panel lists exactly the people watched, so it has the same cap.
 */
export const MAX_CONTACTS = 100;
