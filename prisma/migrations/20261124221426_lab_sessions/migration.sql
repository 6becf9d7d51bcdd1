-- CreateEnum
CREATE TYPE "LabSessionStatus" AS ENUM ('SCHEDULED', 'LIVE', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "SessionResponse" AS ENUM ('PENDING', 'YES', 'NO', 'MAYBE');

-- CreateTable
CREATE TABLE "LabSession" (
    "id" UUID NOT NULL,
    "labId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "placeOrganizationId" UUID,
    "placeDetails" TEXT,
    "videoUrl" TEXT,
    "status" "LabSessionStatus" NOT NULL DEFAULT 'SCHEDULED',
    "roomState" JSONB NOT NULL,
    "createdById" UUID,
    "calendarSequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionAgendaItem" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "timeboxMinutes" INTEGER NOT NULL,
    "proposalId" UUID,

    CONSTRAINT "SessionAgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionInvitation" (
    "sessionId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "response" "SessionResponse" NOT NULL DEFAULT 'PENDING',
    "respondedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionInvitation_pkey" PRIMARY KEY ("sessionId","userId")
);

-- CreateIndex
CREATE INDEX "LabSession_labId_startsAt_idx" ON "LabSession"("labId", "startsAt");

-- CreateIndex
CREATE INDEX "LabSession_startsAt_idx" ON "LabSession"("startsAt");

-- CreateIndex
CREATE INDEX "SessionAgendaItem_proposalId_idx" ON "SessionAgendaItem"("proposalId");

-- CreateIndex
CREATE UNIQUE INDEX "SessionAgendaItem_sessionId_position_key" ON "SessionAgendaItem"("sessionId", "position");

-- CreateIndex
CREATE INDEX "SessionInvitation_userId_idx" ON "SessionInvitation"("userId");

-- AddForeignKey
ALTER TABLE "LabSession" ADD CONSTRAINT "LabSession_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabSession" ADD CONSTRAINT "LabSession_placeOrganizationId_fkey" FOREIGN KEY ("placeOrganizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabSession" ADD CONSTRAINT "LabSession_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionAgendaItem" ADD CONSTRAINT "SessionAgendaItem_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionAgendaItem" ADD CONSTRAINT "SessionAgendaItem_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionInvitation" ADD CONSTRAINT "SessionInvitation_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionInvitation" ADD CONSTRAINT "SessionInvitation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
