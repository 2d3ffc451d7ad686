/** Default loopback ports of the fake servers (env SANDBOX_GHL_PORT / SANDBOX_HATS_PORT override; 0 = any free port). */
export const DEFAULT_GHL_PORT = 4010;
export const DEFAULT_HATS_PORT = 4020;
