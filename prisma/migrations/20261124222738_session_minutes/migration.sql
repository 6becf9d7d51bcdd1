-- AlterTable
ALTER TABLE "LabSession" ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "closedById" UUID;

-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "originSessionId" UUID;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_originSessionId_fkey" FOREIGN KEY ("originSessionId") REFERENCES "LabSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabSession" ADD CONSTRAINT "LabSession_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
