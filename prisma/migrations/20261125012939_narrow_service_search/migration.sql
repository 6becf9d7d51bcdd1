-- The public search's columns move to a narrow table, one row per service (issue #5,
-- bench:catalogue): ranking the thousands of matches of a broad word read whole service rows
-- (~1.8 kB each) to reach their search vector; a ServiceSearch row is about a third of that.

-- CreateTable
CREATE TABLE "ServiceSearch" (
    "id" UUID NOT NULL,
    "status" "ServiceStatus" NOT NULL,
    "minimumAge" INTEGER,
    "maximumAge" INTEGER,
    "languages" TEXT[],
    "sortName" TEXT NOT NULL,
    "searchVector" tsvector,

    CONSTRAINT "ServiceSearch_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "ServiceSearch" ADD CONSTRAINT "ServiceSearch_id_fkey" FOREIGN KEY ("id") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The trigger now keeps ServiceSearch (after the service row exists, for the foreign key) and the
-- vocabulary; the first line of "searchText" is the service's name: it weighs more in the ranking.
DROP TRIGGER "service_search_fields" ON "Service";
CREATE OR REPLACE FUNCTION "service_search_fields"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ServiceSearch" ("id", "status", "minimumAge", "maximumAge", "languages", "sortName", "searchVector")
  VALUES (
    NEW."id", NEW."status", NEW."minimumAge", NEW."maximumAge", NEW."languages", lower(NEW."name"),
    setweight(to_tsvector('italian'::regconfig, split_part(NEW."searchText", E'\n', 1)), 'A') ||
      to_tsvector('italian'::regconfig, NEW."searchText")
  )
  ON CONFLICT ("id") DO UPDATE SET
    "status" = EXCLUDED."status", "minimumAge" = EXCLUDED."minimumAge", "maximumAge" = EXCLUDED."maximumAge",
    "languages" = EXCLUDED."languages", "sortName" = EXCLUDED."sortName", "searchVector" = EXCLUDED."searchVector";
  IF TG_OP = 'INSERT' OR NEW."searchText" IS DISTINCT FROM OLD."searchText" THEN
    INSERT INTO "SearchWord" ("word")
      SELECT DISTINCT word FROM regexp_split_to_table(NEW."searchText", '[^a-z0-9]+') AS word
      WHERE length(word) >= 3
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER "service_search_fields" AFTER INSERT OR UPDATE OF "searchText", "status", "minimumAge", "maximumAge", "languages", "name" ON "Service"
  FOR EACH ROW EXECUTE FUNCTION "service_search_fields"();

-- The services already there.
INSERT INTO "ServiceSearch" ("id", "status", "minimumAge", "maximumAge", "languages", "sortName", "searchVector")
SELECT "id", "status", "minimumAge", "maximumAge", "languages", lower("name"), "searchVector" FROM "Service";

-- CreateIndex
CREATE INDEX "ServiceSearch_searchVector_idx" ON "ServiceSearch" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "ServiceSearch_status_sortName_id_idx" ON "ServiceSearch"("status", "sortName", "id");

-- DropIndex
DROP INDEX "Service_searchVector_idx";

-- AlterTable
ALTER TABLE "Service" DROP COLUMN "searchVector";
