import { checkSecretHash } from "../../domain/secret-hash.ts";
import { afterFirstFactor } from "../complete.ts";
import type { AuthRequest } from "../outcome.ts";
import { checkPassword } from "../password-check.ts";
import { type AuthFlow, requireParam } from "./types.ts";

async function passwordSignIn(req: AuthRequest, flow: string) {
  const username = requireParam(req.params, "USERNAME");
  const password = requireParam(req.params, "PASSWORD");
  checkSecretHash(req.client, username, req.params.SECRET_HASH);
  const user = await checkPassword(req.ctx, req.pool, req.client, username, password);
  return afterFirstFactor(req, user, flow);
}

/** USER_PASSWORD_AUTH: username and password in plain text over TLS (InitiateAuth). */
export const userPasswordAuth: AuthFlow = {
  flow: "USER_PASSWORD_AUTH",
  allowedBy: ["ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"],
  via: "public",
  start: (req) => passwordSignIn(req, "USER_PASSWORD_AUTH"),
};

/** ADMIN_USER_PASSWORD_AUTH (AdminInitiateAuth). */
export const adminUserPasswordAuth: AuthFlow = {
  flow: "ADMIN_USER_PASSWORD_AUTH",
  allowedBy: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"],
  via: "admin",
  start: (req) => passwordSignIn(req, "ADMIN_USER_PASSWORD_AUTH"),
};

/** ADMIN_NO_SRP_AUTH: the old name of ADMIN_USER_PASSWORD_AUTH. */
export const adminNoSrpAuth: AuthFlow = { ...adminUserPasswordAuth, flow: "ADMIN_NO_SRP_AUTH" };
