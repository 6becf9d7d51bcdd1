-- CreateTable
CREATE TABLE "ServicePlace" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "status" "ServiceStatus" NOT NULL,
    "termIds" UUID[],
    "earthPoint" cube,

    CONSTRAINT "ServicePlace_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ServicePlace_serviceId_idx" ON "ServicePlace"("serviceId");

-- CreateIndex
CREATE INDEX "ServicePlace_earthPoint_idx" ON "ServicePlace" USING GIST ("earthPoint");

-- AddForeignKey
ALTER TABLE "ServicePlace" ADD CONSTRAINT "ServicePlace_id_fkey" FOREIGN KEY ("id") REFERENCES "ServiceAtLocation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Triggers keep one ServicePlace row per ServiceAtLocation with its service's status and
-- categories and its place's point, whatever writes them (forms, import, seed, benchmark).
CREATE FUNCTION "service_place_of_link"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ServicePlace" ("id", "serviceId", "status", "termIds", "earthPoint")
  SELECT NEW."id", NEW."serviceId", s."status",
         coalesce((SELECT array_agg(t."termId") FROM "ServiceTaxonomyTerm" t WHERE t."serviceId" = NEW."serviceId"), '{}'),
         l."earthPoint"
  FROM "Service" s, "Location" l WHERE s."id" = NEW."serviceId" AND l."id" = NEW."locationId"
  ON CONFLICT ("id") DO UPDATE SET
    "serviceId" = EXCLUDED."serviceId", "status" = EXCLUDED."status", "termIds" = EXCLUDED."termIds", "earthPoint" = EXCLUDED."earthPoint";
  RETURN NULL;
END
$$;
CREATE TRIGGER "service_place_of_link" AFTER INSERT OR UPDATE ON "ServiceAtLocation"
  FOR EACH ROW EXECUTE FUNCTION "service_place_of_link"();

CREATE FUNCTION "service_place_point"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ServicePlace" sp SET "earthPoint" = NEW."earthPoint"
  FROM "ServiceAtLocation" sl WHERE sl."locationId" = NEW."id" AND sp."id" = sl."id";
  RETURN NULL;
END
$$;
CREATE TRIGGER "service_place_point" AFTER UPDATE OF "latitude", "longitude" ON "Location"
  FOR EACH ROW EXECUTE FUNCTION "service_place_point"();

CREATE FUNCTION "service_place_terms"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  service UUID := CASE WHEN TG_OP = 'DELETE' THEN OLD."serviceId" ELSE NEW."serviceId" END;
BEGIN
  UPDATE "ServicePlace" SET "termIds" =
    coalesce((SELECT array_agg(t."termId") FROM "ServiceTaxonomyTerm" t WHERE t."serviceId" = service), '{}')
  WHERE "serviceId" = service;
  RETURN NULL;
END
$$;
CREATE TRIGGER "service_place_terms" AFTER INSERT OR DELETE ON "ServiceTaxonomyTerm"
  FOR EACH ROW EXECUTE FUNCTION "service_place_terms"();

CREATE FUNCTION "service_place_status"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ServicePlace" SET "status" = NEW."status" WHERE "serviceId" = NEW."id" AND "status" IS DISTINCT FROM NEW."status";
  RETURN NULL;
END
$$;
CREATE TRIGGER "service_place_status" AFTER UPDATE OF "status" ON "Service"
  FOR EACH ROW EXECUTE FUNCTION "service_place_status"();

-- The places already there.
INSERT INTO "ServicePlace" ("id", "serviceId", "status", "termIds", "earthPoint")
SELECT sl."id", sl."serviceId", s."status",
       coalesce((SELECT array_agg(t."termId") FROM "ServiceTaxonomyTerm" t WHERE t."serviceId" = sl."serviceId"), '{}'),
       l."earthPoint"
FROM "ServiceAtLocation" sl JOIN "Service" s ON s."id" = sl."serviceId" JOIN "Location" l ON l."id" = sl."locationId";
