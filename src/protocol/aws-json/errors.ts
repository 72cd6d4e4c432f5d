import { cognitoIdentityModelErrors } from "./generated/cognito-identity.ts";
import { cognitoIdpModelErrors } from "./generated/cognito-idp.ts";

/** Exceptions the Cognito service models declare. */
export type ModeledErrorName =
  | (typeof cognitoIdpModelErrors)[number]
  | (typeof cognitoIdentityModelErrors)[number];

/**
 * Errors the AWS JSON protocol layer itself raises (not in the service model),
 * with their HTTP status as AWS services return them.
 */
const frameworkErrors = {
  SerializationException: 400,
  UnknownOperationException: 400,
  MissingAuthenticationTokenException: 403,
  InvalidSignatureException: 400,
  UnrecognizedClientException: 400,
  IncompleteSignatureException: 400,
  AccessDeniedException: 400,
  NotImplementedException: 501,
  ThrottlingException: 400,
} as const;

export type FrameworkErrorName = keyof typeof frameworkErrors;
export type ErrorName = ModeledErrorName | FrameworkErrorName;

const serverFaults = new Set<string>(["InternalErrorException", "InternalServerError"]);

/**
 * An error the client is meant to see: its name becomes `__type` and its
 * message is sent as is, so use Cognito's exact wording.
 *
 * @example
 * throw new ServiceError("UserNotFoundException", "User does not exist.");
 */
export class ServiceError extends Error {
  override readonly name: ErrorName;
  readonly status: number;
  constructor(name: ErrorName, message: string, status?: number) {
    super(message);
    this.name = name;
    this.status =
      status ?? (frameworkErrors as Record<string, number>)[name] ?? (serverFaults.has(name) ? 500 : 400);
  }
}

export interface WireError {
  status: number;
  type: string;
  body: string;
}

/** The only writer of `{"__type","message"}`. Anything unexpected becomes a 500 without internals. */
export function toWireError(err: unknown): WireError {
  if (err instanceof ServiceError) {
    return {
      status: err.status,
      type: err.name,
      body: JSON.stringify({ __type: err.name, message: err.message }),
    };
  }
  return {
    status: 500,
    type: "InternalErrorException",
    body: JSON.stringify({ __type: "InternalErrorException", message: "An internal error occurred." }),
  };
}

export const isModeledError = (name: string): boolean =>
  (cognitoIdpModelErrors as readonly string[]).includes(name) ||
  (cognitoIdentityModelErrors as readonly string[]).includes(name);
