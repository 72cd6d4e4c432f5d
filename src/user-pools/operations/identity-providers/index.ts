import type { Operation } from "../../operation.ts";
import AdminDisableProviderForUser from "./AdminDisableProviderForUser.ts";
import AdminLinkProviderForUser from "./AdminLinkProviderForUser.ts";
import CreateIdentityProvider from "./CreateIdentityProvider.ts";
import DeleteIdentityProvider from "./DeleteIdentityProvider.ts";
import DescribeIdentityProvider from "./DescribeIdentityProvider.ts";
import GetIdentityProviderByIdentifier from "./GetIdentityProviderByIdentifier.ts";
import ListIdentityProviders from "./ListIdentityProviders.ts";
import UpdateIdentityProvider from "./UpdateIdentityProvider.ts";

/** External identity providers of a pool and links to them: the configuration behind federation (src/oauth/federation/). */
export const identityProviderOperations: Operation[] = [
  CreateIdentityProvider,
  DescribeIdentityProvider,
  UpdateIdentityProvider,
  DeleteIdentityProvider,
  ListIdentityProviders,
  GetIdentityProviderByIdentifier,
  AdminLinkProviderForUser,
  AdminDisableProviderForUser,
];
