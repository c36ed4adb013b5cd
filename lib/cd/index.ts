/**
 * lib/cd — the CD half: CI pipelines declare a new image version by
 * committing it to the config repository ({@link setImage}, also behind
 * `lockstep set-image` and `POST /api/images`), and the agent picks the
 * commit up like any other.
 */
export { CI_TOKEN_VARIABLE, createImageRequestAuthorizer, type ImageRequestAuthorizerDependencies, verifyCiToken, type CiTokenVerdict } from "./ci-token";
export type { GitAuthor } from "./config-clone";
export { describeImageTarget, IMAGE_SPEC_EXAMPLE, parseImageSpec, validateImageUpdate, type ImageUpdate } from "./image-update";
export { setKustomizationImage, type ImageEdit, type SetKustomizationImageOptions } from "./kustomization-images";
export { DEFAULT_AUTHOR, DEFAULT_MAX_ATTEMPTS, GIT_FAILURE_MESSAGES, setImage, type SetImageOptions, type SetImageResult } from "./set-image";
export { isSetImageError, SetImageError, type SetImageErrorOptions } from "./set-image-error";
export { createImageSetter, type ImageSetter, type ImageSetterDependencies } from "./image-service";
export { registeredRepoUrl, UNREGISTERED_REPOSITORY } from "./registered-repo";
export { setImageRequestSchema, toSetImageOptions, type SetImageRequest } from "./image-request";
