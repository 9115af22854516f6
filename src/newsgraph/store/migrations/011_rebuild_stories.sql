-- Stories built before claims had a normalised text (009) and facts named in passing are rebuilt
-- by the next run of the corpus stage. Sentences of articles extracted before 010 keep a NULL
-- frame (their claims' normalised text then comes from the stored mentions, events and quotes):
-- frames come with the parse, and re-parsing a whole store is left to the user.
UPDATE stories SET dirty = true;
