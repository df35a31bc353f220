/** The one code → HTTP status table. Every error response in the product uses one of these codes. */
export const ERROR_CODES = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable_entity: 422,
  rate_limited: 429,
  request_header_fields_too_large: 431,
  internal_error: 500,
  bad_gateway: 502,
  service_unavailable: 503,
  gateway_timeout: 504,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** What a client reads when the server chooses not to say more. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  bad_request: "The request could not be understood.",
  validation_failed: "The request has invalid fields.",
  unauthorized: "Sign in or send a valid API key.",
  forbidden: "You do not have permission to do this.",
  not_found: "Not found.",
  method_not_allowed: "This method is not allowed here.",
  conflict: "This conflicts with the current state.",
  payload_too_large: "The request body is too large.",
  unsupported_media_type: "Send the body as application/json.",
  unprocessable_entity: "The request is valid but cannot be processed.",
  rate_limited: "Too many requests. Slow down and retry later.",
  request_header_fields_too_large: "The URL or the request headers are too large.",
  internal_error: "Something went wrong on our side. Quote the request id if you contact support.",
  bad_gateway: "An upstream service answered badly.",
  service_unavailable: "A service we depend on is unavailable. Retry later.",
  gateway_timeout: "An upstream service did not answer in time.",
};
