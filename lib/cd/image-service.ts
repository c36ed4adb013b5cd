/**
 * `POST /api/images` on the server: set-image, confined to repositories that
 * registered applications deploy from (cloned by their registered URL, with the
 * server's stored credentials), answering fixed sentences and keeping Git's own
 * words for the server log.
 */
import type { DatabaseStores } from "@/lib/db/database";
import { redactCredentials, type CredentialLookup } from "@/lib/source";

import { toSetImageOptions, type SetImageRequest } from "./image-request";
import { registeredRepoUrl, UNREGISTERED_REPOSITORY } from "./registered-repo";
import { setImage, type SetImageResult } from "./set-image";
import { isSetImageError, SetImageError } from "./set-image-error";

/** What the server's image setter is built from. */
export interface ImageSetterDependencies {
  /** Where the apps' repositories are read; a whole `Database` will do. */
  db: Pick<DatabaseStores, "apps">;
  /** The stored repository credentials, by URL. */
  credentials: CredentialLookup;
  /** Where Git's words about a failure go. @default console.error */
  log?: (line: string) => void;
}

/** The image setter of one server. */
export function createImageSetter({ db, credentials, log = (line) => console.error(line) }: ImageSetterDependencies) {
  /**
   * Sets an image as a CI request asks, in the repository an app deploys from.
   * @throws SetImageError — refused (403) when no application uses the repository; otherwise as `setImage`.
   */
  async function setImageForRequest(request: SetImageRequest): Promise<SetImageResult> {
    const apps = await db.apps.listAllApps();
    const repoUrl = registeredRepoUrl(request.repoUrl, apps.map((app) => app.repoUrl));
    if (!repoUrl) throw new SetImageError(UNREGISTERED_REPOSITORY, { kind: "refused" });
    try {
      return await setImage({ ...toSetImageOptions(request), repoUrl, credentials });
    } catch (error) {
      if (isSetImageError(error) && error.detail) log(redactCredentials(`set-image on ${repoUrl} failed: ${error.message} Git said: ${error.detail}`));
      throw error;
    }
  }

  return { setImageForRequest };
}

/** An image setter: see {@link createImageSetter}. */
export type ImageSetter = ReturnType<typeof createImageSetter>;
