import type { Database } from './client';

/**
 * One prepared statement per database, built on first use (PostgreSQL then plans it once per pooled connection,
 * and PGlite once): returns the function that gives each database its statement.
 */
export function preparedPerDatabase<Statement>(build: (db: Database) => Statement): (db: Database) => Statement {
  const statements = new WeakMap<Database, Statement>();
  return (db) => {
    let statement = statements.get(db);
    if (!statement) {
      statement = build(db);
      statements.set(db, statement);
    }
    return statement;
  };
}
