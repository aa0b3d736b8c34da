export * from "./errors";
export * from "./kv";
export * from "./requests";
export * from "./watch";
export * from "./leases";
export * from "./cluster";
export * from "./permissions";
export * from "./bulk";
