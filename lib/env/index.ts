export { appEnv } from "./app";
export { authEnv } from "./auth";
export { dbEnv } from "./db";
export { bridgeEnv, redisEnv, redisTcpEnv } from "./redis";
