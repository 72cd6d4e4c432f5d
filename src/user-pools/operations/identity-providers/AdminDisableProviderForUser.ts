import type {
  AdminDisableProviderForUserRequest,
  AdminDisableProviderForUserResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { COGNITO_SUBJECT, federatedUsername, syncIdentities } from "../../domain/identities.ts";
import { requirePool } from "../../domain/pools.ts";
import { normalizeUsername } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";
import { isCognito } from "./providers.ts";

/**
 * Stops an external identity from signing in as it did (API reference, AdminDisableProviderForUser):
 * a link made by AdminLinkProviderForUser is removed, so the next sign-in with that identity makes
 * a new federated user; a federated user created by that identity (`Cognito_Subject`) is disabled,
 * and its sessions end, until AdminEnableUser.
 */
export default defineOperation<AdminDisableProviderForUserRequest, AdminDisableProviderForUserResponse>(
  "AdminDisableProviderForUser",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const u = input.User!;
      if (!u.ProviderName || !u.ProviderAttributeName || !u.ProviderAttributeValue)
        throw new ServiceError(
          "InvalidParameterException",
          "User needs ProviderName, ProviderAttributeName and ProviderAttributeValue.",
        );
      if (isCognito(u.ProviderName))
        throw new ServiceError(
          "InvalidParameterException",
          "cognate does not disable users of the user pool here; use AdminDisableUser.",
        );
      const now = ctx.clock.nowMs();
      await ctx.store.transaction(async (tx) => {
        const link = await tx.identityProviders.deleteLink(
          pool.id,
          u.ProviderName!,
          u.ProviderAttributeName!,
          u.ProviderAttributeValue!,
        );
        if (link) {
          const destination = await tx.users.getById(pool.id, link.userId);
          if (destination) await syncIdentities(tx, destination, now);
          return;
        }
        const federated =
          u.ProviderAttributeName === COGNITO_SUBJECT
            ? await tx.users.getByUsername(
                pool.id,
                normalizeUsername(pool, federatedUsername(u.ProviderName!, u.ProviderAttributeValue!)),
              )
            : undefined;
        if (federated?.status !== "EXTERNAL_PROVIDER")
          throw new ServiceError("UserNotFoundException", "User does not exist.");
        await tx.users.update(federated.id, { enabled: false }, now);
        await tx.refreshTokens.revokeAllForUser(federated.id, now);
      });
      return {};
    },
  },
);
