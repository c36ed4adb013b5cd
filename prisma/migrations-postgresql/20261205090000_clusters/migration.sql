-- CreateTable: destination clusters registered through the API. The bearer token or client key
-- is AES-256-GCM ciphertext (`v1.<key id>.<iv>.<tag>.<data>`), as repository credentials are.
CREATE TABLE "Cluster" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "server" TEXT NOT NULL,
    "caData" TEXT NOT NULL,
    "authKind" TEXT NOT NULL,
    "clientCertificate" TEXT,
    "secret" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL
);
