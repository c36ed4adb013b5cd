/**
 * A Secret as written in Git (with `stringData`) and as the API server returns it. The
 * planted value must never appear in any output of lib/diff, in clear or in base64.
 */

/** The value planted in the desired Secret. */
export const PLANTED_VALUE = "s3cr3t-planted-value";

/** The rendered Secret: a new password, the same username. */
export const DESIRED_SECRET = `
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
  labels:
    lockstep.dev/app: shop
type: Opaque
stringData:
  password: ${PLANTED_VALUE}
  username: app-user-7f3k
`;

/** The live Secret: the old password `b2xkLXBhc3N3b3Jk` (old-password), applied by kubectl once. */
export const LIVE_SECRET = `
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
  labels:
    lockstep.dev/app: shop
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"Secret","metadata":{"labels":{"lockstep.dev/app":"shop"},"name":"db","namespace":"shop"},"stringData":{"password":"old-password","username":"app-user-7f3k"},"type":"Opaque"}
  creationTimestamp: "2025-05-02T09:14:03Z"
  managedFields:
    - apiVersion: v1
      fieldsType: FieldsV1
      fieldsV1:
        f:data:
          .: {}
          f:password: {}
          f:username: {}
        f:metadata:
          f:labels:
            f:lockstep.dev/app: {}
        f:type: {}
      manager: lockstep
      operation: Apply
      time: "2025-05-02T09:14:03Z"
  resourceVersion: "48001"
  uid: 0b6a3e55-2f41-4d8e-b1e4-7a9c0d2e3f10
data:
  password: b2xkLXBhc3N3b3Jk
  username: YXBwLXVzZXItN2Yzaw==
type: Opaque
`;

/** The dry-run result: the API server folded `stringData` into `data`. */
export const PREDICTED_SECRET = LIVE_SECRET.replace("password: b2xkLXBhc3N3b3Jk", "password: czNjcjN0LXBsYW50ZWQtdmFsdWU=");
