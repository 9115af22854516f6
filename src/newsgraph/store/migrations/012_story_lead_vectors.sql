-- A story's summed title-and-lead vectors of its articles (corpus/stories.py: a weaker term match
-- joins a story when its title and lead say what the story's say). Stories stored before keep
-- NULL and are matched by terms alone.
ALTER TABLE stories ADD COLUMN embedding FLOAT[];
