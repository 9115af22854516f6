-- Each claim's normalised statement: 'subject — predicate — object/complement', actors canonical.
ALTER TABLE claims ADD COLUMN normalised VARCHAR;
