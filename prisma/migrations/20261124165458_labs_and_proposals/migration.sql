-- CreateEnum
CREATE TYPE "LabRole" AS ENUM ('FACILITATOR', 'MEMBER', 'OBSERVER');

-- CreateEnum
CREATE TYPE "LabStatus" AS ENUM ('ACTIVE', 'PAUSED', 'CLOSED');

-- CreateEnum
CREATE TYPE "JoinRequestStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED');

-- CreateEnum
CREATE TYPE "ProposalStage" AS ENUM ('DRAFT', 'CO_DESIGN', 'SUBMITTED', 'UNDER_EVALUATION', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "VersionKind" AS ENUM ('AUTOMATIC', 'STAGE', 'NAMED', 'RESTORE');

-- CreateTable
CREATE TABLE "Lab" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "challenge" TEXT NOT NULL,
    "status" "LabStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lab_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabOrganization" (
    "labId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabOrganization_pkey" PRIMARY KEY ("labId","organizationId")
);

-- CreateTable
CREATE TABLE "LabMember" (
    "labId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "LabRole" NOT NULL DEFAULT 'MEMBER',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabMember_pkey" PRIMARY KEY ("labId","userId")
);

-- CreateTable
CREATE TABLE "LabJoinRequest" (
    "id" UUID NOT NULL,
    "labId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "message" TEXT,
    "status" "JoinRequestStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabJoinRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabActivity" (
    "id" UUID NOT NULL,
    "labId" UUID NOT NULL,
    "actorId" UUID,
    "kind" TEXT NOT NULL,
    "proposalId" UUID,
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" UUID NOT NULL,
    "labId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "stage" "ProposalStage" NOT NULL DEFAULT 'DRAFT',
    "authorId" UUID,
    "targetGroup" TEXT,
    "ageMin" INTEGER,
    "ageMax" INTEGER,
    "estimatedCostCents" INTEGER,
    "decisionNote" TEXT,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "approvedCostCents" INTEGER,
    "startPeriod" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalComune" (
    "proposalId" UUID NOT NULL,
    "comuneId" UUID NOT NULL,

    CONSTRAINT "ProposalComune_pkey" PRIMARY KEY ("proposalId","comuneId")
);

-- CreateTable
CREATE TABLE "ProposalOrganization" (
    "proposalId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,

    CONSTRAINT "ProposalOrganization_pkey" PRIMARY KEY ("proposalId","organizationId")
);

-- CreateTable
CREATE TABLE "ProposalTransition" (
    "id" UUID NOT NULL,
    "proposalId" UUID NOT NULL,
    "actorId" UUID,
    "from" "ProposalStage" NOT NULL,
    "to" "ProposalStage" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalVersion" (
    "id" UUID NOT NULL,
    "proposalId" UUID NOT NULL,
    "kind" "VersionKind" NOT NULL,
    "name" TEXT,
    "state" BYTEA NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollabUpdate" (
    "id" BIGSERIAL NOT NULL,
    "documentName" TEXT NOT NULL,
    "update" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CollabUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "link" TEXT,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Lab_slug_key" ON "Lab"("slug");

-- CreateIndex
CREATE INDEX "LabOrganization_organizationId_idx" ON "LabOrganization"("organizationId");

-- CreateIndex
CREATE INDEX "LabMember_userId_idx" ON "LabMember"("userId");

-- CreateIndex
CREATE INDEX "LabJoinRequest_labId_status_idx" ON "LabJoinRequest"("labId", "status");

-- CreateIndex
CREATE INDEX "LabJoinRequest_userId_idx" ON "LabJoinRequest"("userId");

-- CreateIndex
CREATE INDEX "LabActivity_labId_createdAt_idx" ON "LabActivity"("labId", "createdAt");

-- CreateIndex
CREATE INDEX "Proposal_labId_stage_idx" ON "Proposal"("labId", "stage");

-- CreateIndex
CREATE INDEX "Proposal_stage_idx" ON "Proposal"("stage");

-- CreateIndex
CREATE INDEX "ProposalTransition_proposalId_createdAt_idx" ON "ProposalTransition"("proposalId", "createdAt");

-- CreateIndex
CREATE INDEX "ProposalVersion_proposalId_createdAt_idx" ON "ProposalVersion"("proposalId", "createdAt");

-- CreateIndex
CREATE INDEX "CollabUpdate_documentName_id_idx" ON "CollabUpdate"("documentName", "id");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- AddForeignKey
ALTER TABLE "Lab" ADD CONSTRAINT "Lab_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabOrganization" ADD CONSTRAINT "LabOrganization_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabOrganization" ADD CONSTRAINT "LabOrganization_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabMember" ADD CONSTRAINT "LabMember_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabMember" ADD CONSTRAINT "LabMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabJoinRequest" ADD CONSTRAINT "LabJoinRequest_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabJoinRequest" ADD CONSTRAINT "LabJoinRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabJoinRequest" ADD CONSTRAINT "LabJoinRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabActivity" ADD CONSTRAINT "LabActivity_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabActivity" ADD CONSTRAINT "LabActivity_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabActivity" ADD CONSTRAINT "LabActivity_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalComune" ADD CONSTRAINT "ProposalComune_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalComune" ADD CONSTRAINT "ProposalComune_comuneId_fkey" FOREIGN KEY ("comuneId") REFERENCES "Comune"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalOrganization" ADD CONSTRAINT "ProposalOrganization_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalOrganization" ADD CONSTRAINT "ProposalOrganization_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalTransition" ADD CONSTRAINT "ProposalTransition_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalTransition" ADD CONSTRAINT "ProposalTransition_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalVersion" ADD CONSTRAINT "ProposalVersion_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalVersion" ADD CONSTRAINT "ProposalVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
