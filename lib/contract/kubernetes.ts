/**
 * What the gateway recognised in a value stored under Kubernetes' `/registry/` layout
 * (docs/kubernetes.md). Sent beside the raw value as `decoded`; the raw bytes stay authoritative.
 */

/**
 * A protobuf field the schema did not know (a newer Kubernetes, or a kind it has no descriptor
 * for), shown generically. `path`: the JSON path of the message holding it ("" = the object).
 * `wireType`: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. `value`: a varint as a decimal
 * string, anything else as hex (at most 1,024 bytes, `truncated` past that); `text` when a
 * length-delimited payload is printable UTF-8.
 */
export type UnknownField = {
  path: string;
  field: number;
  wireType: number;
  value: string;
  text?: string;
  truncated?: true;
};

/**
 * A Kubernetes object as the API server serves it: `object` is its JSON (`kind` and `apiVersion`
 * at its top, as kubectl prints). `format`: `kubernetes` (protobuf behind `k8s\0`),
 * `kubernetes-json` (a JSON-stored custom resource), `kubernetes-cbor` (CBOR, magic d9d9f7).
 * For protobuf, `unknownFields` lists what the schema did not know (never dropped silently) and
 * `schemaKnown` is false when the kind itself has no descriptor (then `object` holds only
 * apiVersion/kind and every field is in `unknownFields`). int64 values past 2^53 are decimal
 * strings.
 */
export type DecodedKubernetesObject = {
  format: "kubernetes" | "kubernetes-json" | "kubernetes-cbor";
  apiVersion: string;
  kind: string;
  object: Record<string, unknown>;
  unknownFields?: UnknownField[];
  schemaKnown?: boolean;
};

/**
 * A value encrypted at rest by the API server: `k8s:enc:<provider>:<version>:<keyName>:`
 * followed by ciphertext. `provider`: aescbc, aesgcm, secretbox, kms; `keyName`: the key's name
 * in the EncryptionConfiguration (for kms, the plugin's name); `prefixLength`: bytes before the
 * ciphertext (the UI shows the rest as hex).
 */
export type DecodedEncrypted = {
  format: "kubernetes-encrypted";
  provider: string;
  version: string;
  keyName: string;
  prefixLength: number;
};

/** Any recognised value. */
export type DecodedValue = DecodedKubernetesObject | DecodedEncrypted;
