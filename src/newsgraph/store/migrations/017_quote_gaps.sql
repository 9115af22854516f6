-- A cue set off inside the words it reports ('The test, North Korea said, was its biggest yet'):
-- the quote's "start".."end" spans the whole clause and gap_start..gap_end the cue's own words,
-- which its text leaves out (quotes.py::_parenthetical_quote). NULL where the quote has no gap.
ALTER TABLE quotes ADD COLUMN gap_start INTEGER;
ALTER TABLE quotes ADD COLUMN gap_end INTEGER;
