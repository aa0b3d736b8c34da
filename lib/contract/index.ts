export * from "./errors";
export * from "./kv";
export * from "./requests";
