-- DropIndex
DROP INDEX "CollabUpdate_documentName_id_idx";

-- AlterTable
ALTER TABLE "CollabUpdate" DROP CONSTRAINT "CollabUpdate_pkey",
ADD CONSTRAINT "CollabUpdate_pkey" PRIMARY KEY ("documentName", "id");
