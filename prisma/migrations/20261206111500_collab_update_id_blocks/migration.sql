-- The collaboration log's ids come in blocks: each nextval() now reserves 1,024 ids for the process
-- that asked, which names its rows' ids itself instead of reading them back with RETURNING
-- (app/models/collab-document.server.ts). The column default still draws from the same sequence,
-- so a row inserted without an id gets the start of a block nobody else uses.
ALTER SEQUENCE "CollabUpdate_id_seq" INCREMENT BY 1024;
