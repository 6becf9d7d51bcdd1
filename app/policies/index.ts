export * from "./actor";
export * from "./platform";
export * from "./collab";
export * from "./lab";
export * from "./session-planning";
export * from "./session";
export * from "./session-minutes";
export * from "./catalogue";
