export { BUSINESS_SERVICES, type BusinessService } from "./services";
export { ServiceUnavailableError } from "./errors";
export { forwardToService, type ForwardOptions } from "./forward-to-service";
export { getRegistryConfig, getServiceConfig, isRemoteService, refreshRegistry } from "./registry-config";
export { registrySnapshot, type RegistrySnapshot } from "./registry-snapshot";
export { registerService, type ServiceRegistration } from "./register-service";
export { runRegistryHealthChecks, type HealthRound } from "./run-health-checks";
export { startRegistryHealthLoop } from "./health-loop";
export type { InstanceHealth, RegistryConfig, ServiceConfig } from "./types";
