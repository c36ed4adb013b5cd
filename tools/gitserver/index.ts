/**
 * Real Git fixtures: bare repositories on disk, commits made with the `git` CLI,
 * and a loopback smart-HTTP server backed by `git http-backend`, optionally
 * behind basic auth. Tests and the demo use these so that Lockstep fetches over
 * the same transport users' Git hosts speak — no fake Git anywhere.
 */
export { basicAuthHeader, type BasicCredentials } from "./basic-auth";
export { gitClientEnv, type GitClientEnvOptions } from "./client-env";
export { copyDirToRepo, type CopyDirToRepoOptions } from "./copy-dir";
export { DEFAULT_COMMIT_DATE, DEFAULT_IDENTITY, type GitEnv, type GitIdentity } from "./git-env";
export {
  commitFiles,
  createBareRepo,
  readDefaultBranch,
  type CommitFilesOptions,
  type CreateBareRepoOptions,
} from "./repo";
export {
  GitCommandError,
  isGitCommandError,
  runGit,
  runGitForResult,
  type GitResult,
  type RunGitOptions,
} from "./run-git";
export { startGitServer, type GitServer, type GitServerOptions } from "./server";
