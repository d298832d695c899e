-- 0004 (issue 5, attribution and claims): discontinuous attribution content and the time
-- inside a claim's proposition.
ALTER TABLE attributions ADD COLUMN content_fragments JSON;
ALTER TABLE claims ADD COLUMN proposition_time VARCHAR;
