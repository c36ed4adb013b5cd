/** Services as rendered from Git and as the API server returns them. */

/** A rendered Service not yet in the cluster. */
export const DESIRED_SERVICE = `
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  labels:
    lockstep.dev/app: shop
spec:
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: 8080
`;

/** A live Service the app still owns but Git no longer holds. */
export const LIVE_ORPHAN_SERVICE = `
apiVersion: v1
kind: Service
metadata:
  annotations:
    lockstep.dev/tracking-id: shop:/Service:shop/web-legacy
  creationTimestamp: "2025-04-11T08:00:00Z"
  labels:
    lockstep.dev/app: shop
  managedFields:
    - apiVersion: v1
      fieldsType: FieldsV1
      fieldsV1:
        f:spec:
          f:ports:
            k:{"port":80,"protocol":"TCP"}:
              .: {}
              f:port: {}
      manager: lockstep
      operation: Apply
      time: "2025-04-11T08:00:00Z"
  name: web-legacy
  namespace: shop
  resourceVersion: "1207"
  uid: 9c1e2d3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f
spec:
  clusterIP: 10.96.14.7
  clusterIPs:
    - 10.96.14.7
  internalTrafficPolicy: Cluster
  ipFamilies:
    - IPv4
  ipFamilyPolicy: SingleStack
  ports:
    - port: 80
      protocol: TCP
      targetPort: 80
  selector:
    app: web-legacy
  sessionAffinity: None
  type: ClusterIP
status:
  loadBalancer: {}
`;
