-- Flyway keeps the migration history in flyway_schema_history from now on (an installation that had the hand-kept
-- schema_version was baselined from it before this script ran); the old table is no longer read.
DROP TABLE IF EXISTS schema_version;
