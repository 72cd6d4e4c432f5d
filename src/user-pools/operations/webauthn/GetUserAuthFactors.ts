import type {
  GetUserAuthFactorsRequest,
  GetUserAuthFactorsResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "../signed-in/caller.ts";
import { authFactors } from "./auth-factors.ts";

export default defineOperation<GetUserAuthFactorsRequest, GetUserAuthFactorsResponse>("GetUserAuthFactors", {
  auth: "access-token",
  async handle(_input, ctx) {
    const { user, pool } = signedIn(ctx);
    return authFactors(ctx, pool, user);
  },
});
