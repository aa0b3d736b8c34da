/**
 * The kind stored under a `/registry/` key, from the key alone (no value read): kube-apiserver
 * keeps each resource under a fixed path, `/registry/<resource>/…` for most built-in resources
 * and `/registry/<group>/<resource>/…` for a few (kube-apiserver's storage paths; the core group
 * keeps some historical names: nodes are `minions`, replication controllers `controllers`).
 * Browser-safe: strings only.
 */

/** Storage path (after /registry/) → kind. Two-segment paths are tried first. */
const KINDS: Record<string, string> = {
  // core
  pods: "Pod",
  "services/specs": "Service",
  "services/endpoints": "Endpoints",
  configmaps: "ConfigMap",
  secrets: "Secret",
  namespaces: "Namespace",
  minions: "Node",
  serviceaccounts: "ServiceAccount",
  events: "Event",
  persistentvolumes: "PersistentVolume",
  persistentvolumeclaims: "PersistentVolumeClaim",
  limitranges: "LimitRange",
  resourcequotas: "ResourceQuota",
  podtemplates: "PodTemplate",
  controllers: "ReplicationController",
  "ranges/serviceips": "RangeAllocation",
  "ranges/servicenodeports": "RangeAllocation",
  masterleases: "Endpoints",
  // apps, batch, autoscaling, policy
  deployments: "Deployment",
  replicasets: "ReplicaSet",
  statefulsets: "StatefulSet",
  daemonsets: "DaemonSet",
  controllerrevisions: "ControllerRevision",
  jobs: "Job",
  cronjobs: "CronJob",
  horizontalpodautoscalers: "HorizontalPodAutoscaler",
  poddisruptionbudgets: "PodDisruptionBudget",
  // coordination, rbac, scheduling, node
  leases: "Lease",
  leasecandidates: "LeaseCandidate",
  clusterroles: "ClusterRole",
  clusterrolebindings: "ClusterRoleBinding",
  roles: "Role",
  rolebindings: "RoleBinding",
  priorityclasses: "PriorityClass",
  runtimeclasses: "RuntimeClass",
  // networking, discovery
  ingress: "Ingress",
  ingressclasses: "IngressClass",
  networkpolicies: "NetworkPolicy",
  servicecidrs: "ServiceCIDR",
  ipaddresses: "IPAddress",
  endpointslices: "EndpointSlice",
  // storage
  storageclasses: "StorageClass",
  volumeattachments: "VolumeAttachment",
  csinodes: "CSINode",
  csidrivers: "CSIDriver",
  csistoragecapacities: "CSIStorageCapacity",
  volumeattributesclasses: "VolumeAttributesClass",
  // admission, flow control, certificates, resource
  validatingwebhookconfigurations: "ValidatingWebhookConfiguration",
  mutatingwebhookconfigurations: "MutatingWebhookConfiguration",
  validatingadmissionpolicies: "ValidatingAdmissionPolicy",
  validatingadmissionpolicybindings: "ValidatingAdmissionPolicyBinding",
  mutatingadmissionpolicies: "MutatingAdmissionPolicy",
  mutatingadmissionpolicybindings: "MutatingAdmissionPolicyBinding",
  flowschemas: "FlowSchema",
  prioritylevelconfigurations: "PriorityLevelConfiguration",
  certificatesigningrequests: "CertificateSigningRequest",
  clustertrustbundles: "ClusterTrustBundle",
  resourceclaims: "ResourceClaim",
  resourceclaimtemplates: "ResourceClaimTemplate",
  deviceclasses: "DeviceClass",
  resourceslices: "ResourceSlice",
  storageversions: "StorageVersion",
  "apiregistration.k8s.io/apiservices": "APIService",
  "apiextensions.k8s.io/customresourcedefinitions": "CustomResourceDefinition",
};

/**
 * The kind of the object at `key` (a UTF-8 key string), or null when the key is not an object
 * under a known `/registry/<resource>/` path (the resource folder itself included: it names no
 * object). `/registry/pods/default/web` → "Pod".
 */
export function kindOfRegistryKey(key: string): string | null {
  if (!key.startsWith("/registry/")) return null;
  const segs = key.slice("/registry/".length).split("/");
  for (const n of [2, 1]) {
    const path = segs.slice(0, n).join("/");
    if (segs.length > n && segs[n] !== "" && Object.hasOwn(KINDS, path)) return KINDS[path];
  }
  return null;
}

/** The kind a `/registry/<resource>/` folder holds (its prefix, with or without the slash). */
export function kindOfRegistryFolder(prefix: string): string | null {
  if (!prefix.startsWith("/registry/")) return null;
  const path = prefix.slice("/registry/".length).replace(/\/$/, "");
  return Object.hasOwn(KINDS, path) ? KINDS[path] : null;
}
