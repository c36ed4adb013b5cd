/** The destination name that means "the kubeconfig Lockstep was started with". Kept apart from lib/kube/config so that schemas can name it without loading the Kubernetes client. */
export const LOCAL_CLUSTER = "local";
