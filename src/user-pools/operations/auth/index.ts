import type { Operation } from "../../operation.ts";
import AdminInitiateAuth from "./AdminInitiateAuth.ts";
import AdminRespondToAuthChallenge from "./AdminRespondToAuthChallenge.ts";
import GlobalSignOut from "./GlobalSignOut.ts";
import InitiateAuth from "./InitiateAuth.ts";
import RespondToAuthChallenge from "./RespondToAuthChallenge.ts";
import RevokeToken from "./RevokeToken.ts";

export const authOperations: Operation[] = [
  InitiateAuth,
  AdminInitiateAuth,
  RespondToAuthChallenge,
  AdminRespondToAuthChallenge,
  GlobalSignOut,
  RevokeToken,
];
