-- The head of the event store when a rebuild started (docs/adr/0019-live-read-models-inline.md, "The switch"): the
-- switch waits until every segment of the rebuilding processor has replayed at least this far, so that the
-- catch-up it runs under the exclusive hand-over lock only applies what was written while the replay ran (a batch
-- or so), never the history itself. NULL for a rebuild started before this column existed: no such bound.
ALTER TABLE projection_rebuild ADD COLUMN replays_to BIGINT;
