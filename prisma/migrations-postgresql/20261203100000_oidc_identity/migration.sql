-- AlterTable: single sign-on keys a user on the identity provider's (issuer, subject), never on
-- a name the provider lets people choose. Users signed in by SSO before this migration keep
-- null here and are not claimed by a later sign-in (a sign-in with their name gets a derived one).
ALTER TABLE "User" ADD COLUMN "oidcIssuer" TEXT;
ALTER TABLE "User" ADD COLUMN "oidcSubject" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcIssuer_oidcSubject_key" ON "User"("oidcIssuer", "oidcSubject");
