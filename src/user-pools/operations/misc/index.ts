import type { Operation } from "../../operation.ts";
import AddCustomAttributes from "./AddCustomAttributes.ts";
import AdminDeleteSoftwareToken from "./AdminDeleteSoftwareToken.ts";
import GetCSVHeader from "./GetCSVHeader.ts";
import GetSigningCertificate from "./GetSigningCertificate.ts";
import GetTokensFromRefreshToken from "./GetTokensFromRefreshToken.ts";
import GetUICustomization from "./GetUICustomization.ts";
import ListTagsForResource from "./ListTagsForResource.ts";
import SetUICustomization from "./SetUICustomization.ts";
import TagResource from "./TagResource.ts";
import UntagResource from "./UntagResource.ts";

/** Operations that belong to no larger group: schema additions, tags, CSV header, UI customization. */
export const miscOperations: Operation[] = [
  AddCustomAttributes,
  TagResource,
  UntagResource,
  ListTagsForResource,
  GetCSVHeader,
  AdminDeleteSoftwareToken,
  GetTokensFromRefreshToken,
  GetSigningCertificate,
  SetUICustomization,
  GetUICustomization,
];
