/**
 * A Deployment as rendered from Git, and as the API server returns it: defaults filled in,
 * managedFields, status and bookkeeping annotations.
 */

/** The rendered Deployment: only what the user wrote. */
export const DESIRED_DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app: web
    lockstep.dev/app: shop
  annotations:
    lockstep.dev/tracking-id: shop:apps/Deployment:shop/web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
        - name: metrics
          image: prom/statsd-exporter:v0.26.0
`;

/** The live Deployment, last applied with image `nginx:1.25`. */
export const LIVE_DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    deployment.kubernetes.io/revision: "3"
    lockstep.dev/tracking-id: shop:apps/Deployment:shop/web
  creationTimestamp: "2025-05-02T09:14:03Z"
  generation: 3
  labels:
    app: web
    lockstep.dev/app: shop
  managedFields:
    - apiVersion: apps/v1
      fieldsType: FieldsV1
      fieldsV1:
        f:metadata:
          f:annotations:
            f:lockstep.dev/tracking-id: {}
          f:labels:
            f:app: {}
            f:lockstep.dev/app: {}
        f:spec:
          f:replicas: {}
          f:selector: {}
          f:template:
            f:metadata:
              f:labels:
                f:app: {}
            f:spec:
              f:containers:
                k:{"name":"metrics"}:
                  .: {}
                  f:image: {}
                  f:name: {}
                k:{"name":"web"}:
                  .: {}
                  f:image: {}
                  f:name: {}
                  f:ports:
                    k:{"containerPort":80,"protocol":"TCP"}:
                      .: {}
                      f:containerPort: {}
      manager: lockstep
      operation: Apply
      time: "2025-05-02T09:14:03Z"
    - apiVersion: apps/v1
      fieldsType: FieldsV1
      fieldsV1:
        f:metadata:
          f:annotations:
            f:deployment.kubernetes.io/revision: {}
        f:status:
          f:availableReplicas: {}
          f:readyReplicas: {}
          f:replicas: {}
          f:updatedReplicas: {}
      manager: kube-controller-manager
      operation: Update
      subresource: status
      time: "2025-05-02T09:14:20Z"
  name: web
  namespace: shop
  resourceVersion: "48213"
  uid: 6f1d3c2e-3b7a-4c55-9a0e-1f2b3c4d5e6f
spec:
  progressDeadlineSeconds: 600
  replicas: 2
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app: web
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 25%
    type: RollingUpdate
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
        - image: nginx:1.25
          imagePullPolicy: IfNotPresent
          name: web
          ports:
            - containerPort: 80
              protocol: TCP
          resources: {}
          terminationMessagePath: /dev/termination-log
          terminationMessagePolicy: File
        - image: prom/statsd-exporter:v0.26.0
          imagePullPolicy: IfNotPresent
          name: metrics
          resources: {}
          terminationMessagePath: /dev/termination-log
          terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
status:
  availableReplicas: 2
  conditions:
    - lastTransitionTime: "2025-05-02T09:14:20Z"
      lastUpdateTime: "2025-05-02T09:14:20Z"
      message: Deployment has minimum availability.
      reason: MinimumReplicasAvailable
      status: "True"
      type: Available
  observedGeneration: 3
  readyReplicas: 2
  replicas: 2
  updatedReplicas: 2
`;

/** The live Deployment once `nginx:1.27` is rolled out: it matches Git. */
export const LIVE_DEPLOYMENT_CURRENT = LIVE_DEPLOYMENT.replace("image: nginx:1.25", "image: nginx:1.27");

/**
 * The dry-run result for `DESIRED_DEPLOYMENT` against `LIVE_DEPLOYMENT_CURRENT`, taken a
 * moment before the controller's last status write: same spec and defaults, older
 * resourceVersion and status.
 */
export const PREDICTED_DEPLOYMENT_UNCHANGED = LIVE_DEPLOYMENT_CURRENT.replace('resourceVersion: "48213"', 'resourceVersion: "48190"')
  .replace("readyReplicas: 2", "readyReplicas: 1")
  .replace("availableReplicas: 2", "availableReplicas: 1");

/** The dry-run result for `DESIRED_DEPLOYMENT` against `LIVE_DEPLOYMENT`: new image, next generation. */
export const PREDICTED_DEPLOYMENT_NEW_IMAGE = LIVE_DEPLOYMENT.replace("image: nginx:1.25", "image: nginx:1.27")
  .replace("generation: 3", "generation: 4")
  .replace('time: "2025-05-02T09:14:03Z"', 'time: "2025-05-04T16:40:11Z"');
