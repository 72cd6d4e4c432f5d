import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { requireParam } from "../flows/types.ts";
import { parseTimestamp } from "./timestamp.ts";

/**
 * The SECRET_BLOCK of a PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER answer is the sealed
 * session (clients may answer without Session, as with Cognito).
 */
export function sessionFromSecretBlock(params: Record<string, string>): string | undefined {
  const block = params.PASSWORD_CLAIM_SECRET_BLOCK;
  return block ? Buffer.from(block, "base64").toString("base64url") : undefined;
}

/** Reads PASSWORD_CLAIM_SIGNATURE, PASSWORD_CLAIM_SECRET_BLOCK and TIMESTAMP, with Cognito's format error. */
export function readPasswordClaim(params: Record<string, string>) {
  const signature = requireParam(params, "PASSWORD_CLAIM_SIGNATURE");
  const block = requireParam(params, "PASSWORD_CLAIM_SECRET_BLOCK");
  const timestamp = requireParam(params, "TIMESTAMP");
  const when = parseTimestamp(timestamp);
  if (when === undefined) {
    // amazon-cognito-identity-js#683 quotes this message.
    throw new ServiceError(
      "InvalidParameterException",
      "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
    );
  }
  return { signature, blockBytes: Buffer.from(block, "base64"), when };
}
