-- Stories an analyst parted by hand (`newsgraph move-article`): the corpus stage never joins a pair
-- of them again (corpus/update.py::_join_stored, stories.StoryIndex.closest). A pair follows its
-- stories when either joins another; joined by hand, the pair is gone.
CREATE TABLE stories_apart (
    a   VARCHAR NOT NULL,
    b   VARCHAR NOT NULL
);
