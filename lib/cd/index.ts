/**
 * lib/cd — the CD half: CI pipelines declare a new image version by
 * committing it to the config repository ({@link setImage}, also behind
 * `lockstep set-image` and `POST /api/images`), and the agent picks the
 * commit up like any other. The same clone, commit and push path restores an
 * app's directory to a rolled-back revision ({@link restorePath}), making a
 * rollback permanent.
 */
export { CI_TOKEN_VARIABLE, createImageRequestAuthorizer, type ImageRequestAuthorizerDependencies, verifyCiToken, type CiTokenVerdict } from "./ci-token";
export type { GitAuthor } from "./config-clone";
export { describeImageTarget, IMAGE_SPEC_EXAMPLE, parseImageSpec, validateImageUpdate, type ImageUpdate } from "./image-update";
export { setKustomizationImage, type ImageEdit, type SetKustomizationImageOptions } from "./kustomization-images";
export { DEFAULT_AUTHOR, DEFAULT_MAX_ATTEMPTS, GIT_FAILURE_MESSAGES, setImage, type SetImageOptions, type SetImageResult } from "./set-image";
export { isSetImageError, SetImageError, type SetImageErrorOptions } from "./set-image-error";
export { createImageSetter, type ImageSetter, type ImageSetterDependencies } from "./image-service";
export { registeredRepoUrl, UNREGISTERED_REPOSITORY } from "./registered-repo";
export { cleanRepoPath, pushWithRetry, withConfigClone, type ChangeAttempt, type ConfigRepoTarget } from "./config-write";
export { RESTORE_AUTHOR, restorePath, type RestorePathOptions, type RestorePathResult } from "./restore-path";
export { restoreCommitMessage, type RestoreMessageFacts } from "./restore-message";
export { restoreOperations, summarizeOperations, type FileChange, type FileChangeSummary, type FileOperation, type TreeEntry } from "./tree-restore";
export { setImageRequestSchema, toSetImageOptions, type SetImageRequest } from "./image-request";
