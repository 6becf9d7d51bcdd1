-- The log's primary key becomes its id alone, with a plain index on the document's name beside it:
-- new ids go in at the right edge of the key and a name's entries are deduplicated, so an append
-- costs the database less than with the composite (documentName, id) key, whose entries went in
-- at as many places as there are open documents (bench:collab, README session 17).

-- AlterTable
ALTER TABLE "CollabUpdate" DROP CONSTRAINT "CollabUpdate_pkey",
ADD CONSTRAINT "CollabUpdate_pkey" PRIMARY KEY ("id");

-- CreateIndex
CREATE INDEX "CollabUpdate_documentName_idx" ON "CollabUpdate"("documentName");
