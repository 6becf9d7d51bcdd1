-- The catalogue's GIN indexes keep their pending lists short. New entries go to a pending list
-- that every search reads sequentially until it is merged into the index; the embedded database
-- (PGlite) has no autovacuum, so there a list was merged only when it outgrew the default 4 MB
-- (measured after a bulk load: the typo lookup 0.05 -> 4.5 ms per word). 64 kB (the minimum) keeps
-- writes batched (fastupdate = off made a 12,000-service load 3x slower; this, 1.6x) and the scan short.
ALTER INDEX "ServiceSearch_searchVector_idx" SET (gin_pending_list_limit = 64);
ALTER INDEX "SearchWord_word_idx" SET (gin_pending_list_limit = 64);
ALTER INDEX "Service_searchText_idx" SET (gin_pending_list_limit = 64);

-- Entries already pending are moved into the indexes now.
SELECT gin_clean_pending_list('"ServiceSearch_searchVector_idx"'::regclass);
SELECT gin_clean_pending_list('"SearchWord_word_idx"'::regclass);
SELECT gin_clean_pending_list('"Service_searchText_idx"'::regclass);
