import type { Operation } from "../../user-pools/operation.ts";
import CreateIdentityPool from "./CreateIdentityPool.ts";
import DeleteIdentities from "./DeleteIdentities.ts";
import DeleteIdentityPool from "./DeleteIdentityPool.ts";
import DescribeIdentity from "./DescribeIdentity.ts";
import DescribeIdentityPool from "./DescribeIdentityPool.ts";
import GetCredentialsForIdentity from "./GetCredentialsForIdentity.ts";
import GetId from "./GetId.ts";
import GetIdentityPoolRoles from "./GetIdentityPoolRoles.ts";
import GetOpenIdToken from "./GetOpenIdToken.ts";
import GetOpenIdTokenForDeveloperIdentity from "./GetOpenIdTokenForDeveloperIdentity.ts";
import GetPrincipalTagAttributeMap from "./GetPrincipalTagAttributeMap.ts";
import ListIdentities from "./ListIdentities.ts";
import ListIdentityPools from "./ListIdentityPools.ts";
import ListTagsForResource from "./ListTagsForResource.ts";
import LookupDeveloperIdentity from "./LookupDeveloperIdentity.ts";
import MergeDeveloperIdentities from "./MergeDeveloperIdentities.ts";
import SetIdentityPoolRoles from "./SetIdentityPoolRoles.ts";
import SetPrincipalTagAttributeMap from "./SetPrincipalTagAttributeMap.ts";
import TagResource from "./TagResource.ts";
import UnlinkDeveloperIdentity from "./UnlinkDeveloperIdentity.ts";
import UnlinkIdentity from "./UnlinkIdentity.ts";
import UntagResource from "./UntagResource.ts";
import UpdateIdentityPool from "./UpdateIdentityPool.ts";

const all: Operation[] = [
  // Pools
  CreateIdentityPool,
  DescribeIdentityPool,
  UpdateIdentityPool,
  DeleteIdentityPool,
  ListIdentityPools,
  // Identities and credentials (GetId, GetOpenIdToken, GetCredentialsForIdentity and UnlinkIdentity are public)
  GetId,
  GetOpenIdToken,
  GetCredentialsForIdentity,
  UnlinkIdentity,
  DescribeIdentity,
  ListIdentities,
  DeleteIdentities,
  // Developer-authenticated identities
  GetOpenIdTokenForDeveloperIdentity,
  LookupDeveloperIdentity,
  MergeDeveloperIdentities,
  UnlinkDeveloperIdentity,
  // Roles and principal tags
  SetIdentityPoolRoles,
  GetIdentityPoolRoles,
  SetPrincipalTagAttributeMap,
  GetPrincipalTagAttributeMap,
  // Tags
  TagResource,
  UntagResource,
  ListTagsForResource,
];

/** Identity pool operations by wire name. Modeled but absent ones answer 501 (see docs/compatibility.md). */
export const identityPoolOperations: Readonly<Record<string, Operation>> = Object.freeze(
  Object.fromEntries(all.map((op) => [op.name, op])),
);
