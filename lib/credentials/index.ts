/**
 * lib/credentials — repository credentials (HTTPS user name + token, SSH key
 * with known hosts) stored encrypted with AES-256-GCM, matched to repositories
 * by URL prefix, and handed to `lib/source` through its credential lookup.
 * Secrets are write-only: nothing here returns one except to Git.
 */
export { open, openBytes, seal, type Opened, type OpenedBytes, type SealPurpose } from "./cipher";
export { createManifestCipher } from "./manifest-cipher";
export { repoCredentialCreateSchema, repoCredentialUpdateSchema, type RepoCredentialCreate, type RepoCredentialUpdate } from "./schema";
export { keyFilePath, keyRingLoader, loadKeyRing, toSecretKey, type KeyRing, type KeyRingOptions, type SecretKey } from "./secret-key";
export { isSecretKeyError, SecretKeyError } from "./secret-key-error";
export { createCredentialStore, type CredentialStore, type CredentialStoreDependencies, type RepoCredentialView } from "./store";
export { bestMatch, CREDENTIAL_KINDS, prefixScore, type CredentialKind } from "./url-prefix";
