-- Extensions of the catalogue's search (issue #5): trigram similarity for misspelled words,
-- cube + earthdistance for distances. All three ship with PostgreSQL (contrib) and PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

-- CreateEnum
CREATE TYPE "ServiceStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'TEMPORARILY_CLOSED', 'UNPUBLISHED');

-- CreateEnum
CREATE TYPE "CostKind" AS ENUM ('FREE', 'FEE', 'REDUCED');

-- CreateEnum
CREATE TYPE "GoodPracticeStatus" AS ENUM ('SUBMITTED', 'VALIDATED', 'RETURNED');

-- AlterEnum
ALTER TYPE "OrganizationKind" ADD VALUE 'ALTRO';

-- AlterTable
ALTER TABLE "Lab" ADD COLUMN     "originPracticeId" UUID;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "hsdsExtra" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "isNetworkMember" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "Taxonomy" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "uri" TEXT,
    "version" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Taxonomy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaxonomyTerm" (
    "id" UUID NOT NULL,
    "taxonomyId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "parentId" UUID,
    "language" TEXT NOT NULL DEFAULT 'it',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TaxonomyTerm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Service" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "alternateName" TEXT,
    "description" TEXT NOT NULL,
    "url" TEXT,
    "email" TEXT,
    "status" "ServiceStatus" NOT NULL DEFAULT 'DRAFT',
    "eligibilityDescription" TEXT,
    "minimumAge" INTEGER,
    "maximumAge" INTEGER,
    "applicationProcess" TEXT,
    "requiredDocuments" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "feesDescription" TEXT,
    "accessibility" TEXT,
    "interpretationServices" TEXT,
    "languages" TEXT[] DEFAULT ARRAY['it']::TEXT[],
    "alert" TEXT,
    "lastVerifiedAt" TIMESTAMP(3),
    "assurerEmail" TEXT,
    "proposalId" UUID,
    "publishedAt" TIMESTAMP(3),
    "createdById" UUID,
    "hsdsExtra" JSONB NOT NULL DEFAULT '{}',
    "searchText" TEXT NOT NULL DEFAULT '',
    "searchVector" tsvector,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceOrganization" (
    "serviceId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "isLead" BOOLEAN NOT NULL DEFAULT false,
    "role" TEXT,

    CONSTRAINT "ServiceOrganization_pkey" PRIMARY KEY ("serviceId","organizationId")
);

-- CreateTable
CREATE TABLE "Location" (
    "id" UUID NOT NULL,
    "organizationId" UUID,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "address" TEXT NOT NULL,
    "postalCode" TEXT,
    "comuneId" UUID,
    "city" TEXT NOT NULL,
    "region" TEXT NOT NULL DEFAULT 'Lombardia',
    "country" TEXT NOT NULL DEFAULT 'IT',
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "earthPoint" cube,
    "accessibility" TEXT,
    "transportation" TEXT,
    "hsdsExtra" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Location_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceAtLocation" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "locationId" UUID NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceAtLocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Schedule" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "weekday" INTEGER,
    "date" DATE,
    "opensAt" TEXT,
    "closesAt" TEXT,
    "validFrom" DATE,
    "validTo" DATE,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostOption" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "kind" "CostKind" NOT NULL,
    "amountCents" INTEGER,
    "amountDescription" TEXT,
    "validFrom" DATE,
    "validTo" DATE,

    CONSTRAINT "CostOption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceContact" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "name" TEXT,
    "title" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ServiceContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceTaxonomyTerm" (
    "serviceId" UUID NOT NULL,
    "termId" UUID NOT NULL,

    CONSTRAINT "ServiceTaxonomyTerm_pkey" PRIMARY KEY ("serviceId","termId")
);

-- CreateTable
CREATE TABLE "ServiceChange" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "actorId" UUID,
    "field" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnmetSearch" (
    "id" UUID NOT NULL,
    "query" TEXT NOT NULL,
    "filters" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnmetSearch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GoodPractice" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "context" TEXT NOT NULL,
    "collaborationPattern" TEXT NOT NULL,
    "resources" TEXT NOT NULL,
    "outcomes" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "GoodPracticeStatus" NOT NULL DEFAULT 'SUBMITTED',
    "reviewNote" TEXT,
    "reviewDueAt" TIMESTAMP(3),
    "validatedAt" TIMESTAMP(3),
    "validatedById" UUID,
    "submittedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GoodPractice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GoodPracticeOrganization" (
    "practiceId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,

    CONSTRAINT "GoodPracticeOrganization_pkey" PRIMARY KEY ("practiceId","organizationId")
);

-- CreateTable
CREATE TABLE "GoodPracticeService" (
    "practiceId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,

    CONSTRAINT "GoodPracticeService_pkey" PRIMARY KEY ("practiceId","serviceId")
);

-- CreateTable
CREATE TABLE "GoodPracticeLab" (
    "practiceId" UUID NOT NULL,
    "labId" UUID NOT NULL,

    CONSTRAINT "GoodPracticeLab_pkey" PRIMARY KEY ("practiceId","labId")
);

-- CreateTable
CREATE TABLE "GoodPracticeAttachment" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GoodPracticeAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchWord" (
    "word" TEXT NOT NULL,

    CONSTRAINT "SearchWord_pkey" PRIMARY KEY ("word")
);

-- CreateIndex
CREATE INDEX "TaxonomyTerm_parentId_idx" ON "TaxonomyTerm"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "TaxonomyTerm_taxonomyId_code_key" ON "TaxonomyTerm"("taxonomyId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Service_slug_key" ON "Service"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Service_proposalId_key" ON "Service"("proposalId");

-- CreateIndex
CREATE INDEX "Service_status_updatedAt_id_idx" ON "Service"("status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Service_searchVector_idx" ON "Service" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "Service_searchText_idx" ON "Service" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "ServiceOrganization_organizationId_idx" ON "ServiceOrganization"("organizationId");

-- CreateIndex
CREATE INDEX "Location_comuneId_idx" ON "Location"("comuneId");

-- CreateIndex
CREATE INDEX "Location_organizationId_idx" ON "Location"("organizationId");

-- CreateIndex
CREATE INDEX "Location_earthPoint_idx" ON "Location" USING GIST ("earthPoint");

-- CreateIndex
CREATE INDEX "ServiceAtLocation_locationId_idx" ON "ServiceAtLocation"("locationId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceAtLocation_serviceId_locationId_key" ON "ServiceAtLocation"("serviceId", "locationId");

-- CreateIndex
CREATE INDEX "Schedule_serviceId_weekday_idx" ON "Schedule"("serviceId", "weekday");

-- CreateIndex
CREATE INDEX "Schedule_weekday_opensAt_closesAt_idx" ON "Schedule"("weekday", "opensAt", "closesAt");

-- CreateIndex
CREATE INDEX "CostOption_serviceId_idx" ON "CostOption"("serviceId");

-- CreateIndex
CREATE INDEX "CostOption_kind_serviceId_idx" ON "CostOption"("kind", "serviceId");

-- CreateIndex
CREATE INDEX "ServiceContact_serviceId_idx" ON "ServiceContact"("serviceId");

-- CreateIndex
CREATE INDEX "ServiceTaxonomyTerm_termId_serviceId_idx" ON "ServiceTaxonomyTerm"("termId", "serviceId");

-- CreateIndex
CREATE INDEX "ServiceChange_serviceId_createdAt_idx" ON "ServiceChange"("serviceId", "createdAt");

-- CreateIndex
CREATE INDEX "UnmetSearch_createdAt_idx" ON "UnmetSearch"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "GoodPractice_slug_key" ON "GoodPractice"("slug");

-- CreateIndex
CREATE INDEX "GoodPractice_status_updatedAt_idx" ON "GoodPractice"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "GoodPracticeOrganization_organizationId_idx" ON "GoodPracticeOrganization"("organizationId");

-- CreateIndex
CREATE INDEX "GoodPracticeService_serviceId_idx" ON "GoodPracticeService"("serviceId");

-- CreateIndex
CREATE INDEX "GoodPracticeLab_labId_idx" ON "GoodPracticeLab"("labId");

-- CreateIndex
CREATE INDEX "GoodPracticeAttachment_practiceId_idx" ON "GoodPracticeAttachment"("practiceId");

-- CreateIndex
CREATE INDEX "SearchWord_word_idx" ON "SearchWord" USING GIN ("word" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "Lab" ADD CONSTRAINT "Lab_originPracticeId_fkey" FOREIGN KEY ("originPracticeId") REFERENCES "GoodPractice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxonomyTerm" ADD CONSTRAINT "TaxonomyTerm_taxonomyId_fkey" FOREIGN KEY ("taxonomyId") REFERENCES "Taxonomy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxonomyTerm" ADD CONSTRAINT "TaxonomyTerm_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "TaxonomyTerm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceOrganization" ADD CONSTRAINT "ServiceOrganization_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceOrganization" ADD CONSTRAINT "ServiceOrganization_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Location" ADD CONSTRAINT "Location_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Location" ADD CONSTRAINT "Location_comuneId_fkey" FOREIGN KEY ("comuneId") REFERENCES "Comune"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAtLocation" ADD CONSTRAINT "ServiceAtLocation_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAtLocation" ADD CONSTRAINT "ServiceAtLocation_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostOption" ADD CONSTRAINT "CostOption_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceContact" ADD CONSTRAINT "ServiceContact_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceTaxonomyTerm" ADD CONSTRAINT "ServiceTaxonomyTerm_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceTaxonomyTerm" ADD CONSTRAINT "ServiceTaxonomyTerm_termId_fkey" FOREIGN KEY ("termId") REFERENCES "TaxonomyTerm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceChange" ADD CONSTRAINT "ServiceChange_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceChange" ADD CONSTRAINT "ServiceChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodPractice" ADD CONSTRAINT "GoodPractice_validatedById_fkey" FOREIGN KEY ("validatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodPractice" ADD CONSTRAINT "GoodPractice_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodPracticeOrganization" ADD CONSTRAINT "GoodPracticeOrganization_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "GoodPractice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodPracticeOrganization" ADD CONSTRAINT "GoodPracticeOrganization_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodPracticeService" ADD CONSTRAINT "GoodPracticeService_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "GoodPractice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodPracticeService" ADD CONSTRAINT "GoodPracticeService_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodPracticeLab" ADD CONSTRAINT "GoodPracticeLab_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "GoodPractice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodPracticeLab" ADD CONSTRAINT "GoodPracticeLab_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodPracticeAttachment" ADD CONSTRAINT "GoodPracticeAttachment_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "GoodPractice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Search columns kept by triggers, so every write path (app, import, seed, bench) keeps them right.
-- The first line of "searchText" is the service's name: it weighs more in the ranking.
CREATE FUNCTION "service_search_fields"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchVector" :=
    setweight(to_tsvector('italian'::regconfig, split_part(NEW."searchText", E'\n', 1)), 'A') ||
    to_tsvector('italian'::regconfig, NEW."searchText");
  INSERT INTO "SearchWord" ("word")
    SELECT DISTINCT word FROM regexp_split_to_table(NEW."searchText", '[^a-z0-9]+') AS word
    WHERE length(word) >= 3
    ON CONFLICT DO NOTHING;
  RETURN NEW;
END
$$;
CREATE TRIGGER "service_search_fields" BEFORE INSERT OR UPDATE OF "searchText" ON "Service"
  FOR EACH ROW EXECUTE FUNCTION "service_search_fields"();

CREATE FUNCTION "location_earth_point"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."earthPoint" := ll_to_earth(NEW."latitude", NEW."longitude");
  RETURN NEW;
END
$$;
CREATE TRIGGER "location_earth_point" BEFORE INSERT OR UPDATE OF "latitude", "longitude" ON "Location"
  FOR EACH ROW EXECUTE FUNCTION "location_earth_point"();
