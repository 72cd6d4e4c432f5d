import type { UserRecord } from "../../storage/records.ts";
import type { Store } from "../../storage/store.ts";

/** The attribute in which Cognito keeps a user's external identities, as a JSON array string. */
export const IDENTITIES_ATTRIBUTE = "identities";

/** The ProviderAttributeName that stands for the provider's own user id (`sub` for OIDC). */
export const COGNITO_SUBJECT = "Cognito_Subject";

/** One entry of the `identities` attribute. */
export interface FederatedIdentity {
  /** The user's id at the provider (`sub` for OIDC), or the linked attribute's value. */
  userId: string;
  providerName: string;
  providerType: string;
  /** SAML's issuer; null for OIDC and social providers. */
  issuer: string | null;
  /** True for the identity a federated user was created from; false for linked ones. */
  primary: boolean;
  /** Epoch milliseconds. */
  dateCreated: number;
}

/** The username Cognito gives a user created by a federated sign-in: `<ProviderName>_<sub>`. */
export const federatedUsername = (providerName: string, subject: string): string =>
  `${providerName}_${subject}`;

/** The entries of an `identities` attribute value; [] for none or a value that is not ours. */
export function parseIdentities(value: string | undefined): FederatedIdentity[] {
  if (!value) return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? (parsed as FederatedIdentity[]) : [];
  } catch {
    return [];
  }
}

export const formatIdentities = (list: FederatedIdentity[]): string => JSON.stringify(list);

/**
 * The `identities` claim of an ID token. The attribute is a JSON string; the token carries the
 * array itself, with `primary` and `dateCreated` as strings (developer guide, "Understanding the
 * identity (ID) token": `"primary": "true", "dateCreated": "1642699117273"`).
 */
export function identitiesClaim(value: string): unknown {
  return parseIdentities(value).map((i) => ({
    userId: i.userId,
    providerName: i.providerName,
    providerType: i.providerType,
    issuer: i.issuer,
    primary: String(i.primary),
    dateCreated: String(i.dateCreated),
  }));
}

/**
 * Rewrites a user's `identities` attribute from its primary identity (kept as stored) and its
 * current links (AdminLinkProviderForUser); removes the attribute when nothing is left.
 */
export async function syncIdentities(store: Store, user: UserRecord, now: number): Promise<void> {
  const primary = parseIdentities(user.attributes[IDENTITIES_ATTRIBUTE]).filter((i) => i.primary);
  const links = await store.identityProviders.linksForUser(user.id);
  const types = new Map<string, string>();
  for (const l of links) {
    if (!types.has(l.providerName))
      types.set(
        l.providerName,
        (await store.identityProviders.get(l.poolId, l.providerName))?.type ?? "OIDC",
      );
  }
  const linked: FederatedIdentity[] = links.map((l) => ({
    userId: l.attributeValue,
    providerName: l.providerName,
    providerType: types.get(l.providerName) ?? "OIDC",
    issuer: null,
    primary: false,
    dateCreated: l.createdAt,
  }));
  const all = [...primary, ...linked];
  if (all.length === 0) {
    if (user.attributes[IDENTITIES_ATTRIBUTE] !== undefined)
      await store.users.deleteAttributes(user.id, [IDENTITIES_ATTRIBUTE], now);
    return;
  }
  await store.users.setAttributes(user, { [IDENTITIES_ATTRIBUTE]: formatIdentities(all) }, now);
}
