-- A story stored by one run can join another in a later run, when the coverage that ties two
-- stories arrives after both were stored (corpus/update.py::_join_stored). The dropped id stays
-- an alias of the story it joined, so an id a reader saved (a briefing's link, an export's row)
-- still finds its story.
CREATE TABLE story_aliases (
    alias       VARCHAR PRIMARY KEY,
    story_id    VARCHAR NOT NULL,
    merged_at   TIMESTAMP
);
