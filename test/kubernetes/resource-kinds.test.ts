import { describe, expect, it } from "vitest";
import { kindOfRegistryFolder, kindOfRegistryKey } from "@/lib/kubernetes/resource-kinds";

describe("the kind of a /registry/ key, from its path alone", () => {
  it.each([
    ["/registry/pods/default/web-0", "Pod"],
    ["/registry/minions/node-a", "Node"],
    ["/registry/services/specs/default/kubernetes", "Service"],
    ["/registry/services/endpoints/default/kubernetes", "Endpoints"],
    ["/registry/apiregistration.k8s.io/apiservices/v1.apps", "APIService"],
    ["/registry/leases/kube-node-lease/node-a", "Lease"],
  ])("%s → %s", (key, kind) => expect(kindOfRegistryKey(key)).toBe(kind));

  it.each([
    "/registry/pods", // the resource folder names no object
    "/registry/pods/",
    "/registry/stable.example.com/crontabs/default/a", // a custom resource: kind unknown
    "/app/pods/x",
  ])("%s → nothing", (key) => expect(kindOfRegistryKey(key)).toBeNull());

  it("names the kind a resource folder holds", () => {
    expect(kindOfRegistryFolder("/registry/pods")).toBe("Pod");
    expect(kindOfRegistryFolder("/registry/secrets/")).toBe("Secret");
    expect(kindOfRegistryFolder("/registry/pods/default")).toBeNull();
  });
});
