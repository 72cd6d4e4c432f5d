import type {
  AdminLinkProviderForUserRequest,
  AdminLinkProviderForUserResponse,
  ProviderUserIdentifierType,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { PoolRecord, UserRecord } from "../../../storage/records.ts";
import { COGNITO_SUBJECT, federatedUsername, syncIdentities } from "../../domain/identities.ts";
import { requirePool } from "../../domain/pools.ts";
import { normalizeUsername, requireUser } from "../../domain/users.ts";
import { defineOperation, type OperationContext } from "../../operation.ts";
import { isCognito, requireProvider, SOCIAL_TYPES } from "./providers.ts";

/** "The maximum number of federated identities linked to a user is five." (API reference, AdminLinkProviderForUser) */
const MAX_LINKS = 5;

const invalid = (message: string) => new ServiceError("InvalidParameterException", message);

/**
 * Links an external identity that has not signed in yet (SourceUser) to an existing user
 * (DestinationUser): a later sign-in with that identity lands on the existing user. The messages
 * of the two refusals are Cognito's as applications observe them.
 */
export default defineOperation<AdminLinkProviderForUserRequest, AdminLinkProviderForUserResponse>(
  "AdminLinkProviderForUser",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const source = input.SourceUser!;
      if (!source.ProviderName || !source.ProviderAttributeName || !source.ProviderAttributeValue)
        throw invalid("SourceUser needs ProviderName, ProviderAttributeName and ProviderAttributeValue.");
      if (isCognito(source.ProviderName))
        throw invalid("SourceUser must be a user of an external identity provider, not of the user pool.");
      const provider = await requireProvider(ctx, pool.id, source.ProviderName);
      if (
        (SOCIAL_TYPES as readonly string[]).includes(provider.type) &&
        source.ProviderAttributeName !== COGNITO_SUBJECT
      )
        throw invalid(
          `The ProviderAttributeName of a ${provider.type} SourceUser must be ${COGNITO_SUBJECT}.`,
        );
      const destination = await destinationUser(ctx, pool, input.DestinationUser!);
      if (source.ProviderAttributeName === COGNITO_SUBJECT) {
        const signedUp = await ctx.store.users.getByUsername(
          pool.id,
          normalizeUsername(pool, federatedUsername(provider.name, source.ProviderAttributeValue)),
        );
        if (signedUp)
          throw invalid(
            "Merging is not currently supported, provide a SourceUser that has not been signed up in order to link",
          );
      }
      const now = ctx.clock.nowMs();
      await ctx.store.transaction(async (tx) => {
        if ((await tx.identityProviders.linksForUser(destination.id)).length >= MAX_LINKS)
          throw new ServiceError(
            "LimitExceededException",
            `A user can have at most ${MAX_LINKS} linked identities.`,
          );
        const created = await tx.identityProviders.createLink({
          poolId: pool.id,
          providerName: provider.name,
          attributeName: source.ProviderAttributeName!,
          attributeValue: source.ProviderAttributeValue!,
          userId: destination.id,
          createdAt: now,
        });
        if (!created) throw invalid("SourceUser is already linked to DestinationUser");
        await syncIdentities(tx, destination, now);
      });
      return {};
    },
  },
);

/** A user of the pool (ProviderName Cognito, by username) or a federated user (by the provider's user id). */
async function destinationUser(
  ctx: OperationContext,
  pool: PoolRecord,
  d: ProviderUserIdentifierType,
): Promise<UserRecord> {
  if (!d.ProviderName || !d.ProviderAttributeValue)
    throw invalid("DestinationUser needs ProviderName and ProviderAttributeValue.");
  if (isCognito(d.ProviderName)) return requireUser(ctx, pool, d.ProviderAttributeValue);
  const user = await ctx.store.users.getByUsername(
    pool.id,
    normalizeUsername(pool, federatedUsername(d.ProviderName, d.ProviderAttributeValue)),
  );
  if (!user) throw new ServiceError("UserNotFoundException", "User does not exist.");
  return user;
}
