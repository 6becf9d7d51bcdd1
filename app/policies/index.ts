export * from "./actor";
export * from "./platform";
export * from "./collab";
export * from "./lab";
