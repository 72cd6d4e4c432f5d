/**
 * Regenerates the status column of docs/compatibility.md from the operation
 * registries, keeping the notes written by hand. Run: npx tsx scripts/compatibility.ts
 * test/docs.test.ts fails when the document and the registries disagree.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { identityPoolOperations } from "../src/identity-pools/operations/index.ts";
import { cognitoIdentityModel } from "../src/protocol/aws-json/generated/cognito-identity.ts";
import { cognitoIdpModel } from "../src/protocol/aws-json/generated/cognito-idp.ts";
import { userPoolOperations } from "../src/user-pools/operations/index.ts";

export const DOC = "docs/compatibility.md";
export const IMPLEMENTED = "implemented";
export const MISSING = "not implemented (501)";

export function sections() {
  return [
    {
      title: "User Pools API (AWSCognitoIdentityProviderService)",
      ops: Object.keys(cognitoIdpModel.operations).sort(),
      registry: userPoolOperations,
    },
    {
      title: "Identity Pools API (AWSCognitoIdentityService)",
      ops: Object.keys(cognitoIdentityModel.operations).sort(),
      registry: identityPoolOperations,
    },
  ];
}

/**
 * Parses `| Op | status | notes |` rows, of one section when `section` names its title (both
 * APIs have TagResource, UntagResource and ListTagsForResource).
 */
export function parseDoc(text: string, section?: string): Map<string, { status: string; notes: string }> {
  const rows = new Map<string, { status: string; notes: string }>();
  let inSection = section === undefined;
  for (const line of text.split("\n")) {
    if (section !== undefined && line.startsWith("## ")) inSection = line.startsWith(`## ${section}:`);
    if (!inSection) continue;
    const m = /^\| `?([A-Za-z]+)`? \| ([^|]+) \| (.*) \|$/.exec(line);
    if (m && m[1] !== "Operation") rows.set(m[1]!, { status: m[2]!.trim(), notes: m[3]!.trim() });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = existsSync(DOC) ? readFileSync(DOC, "utf8") : "";
  let out = `# Compatibility with Amazon Cognito

Every operation of the service models cognate routes, and its status. Operations marked
"${MISSING}" answer HTTP 501 \`NotImplementedException\` with a clear message (the AWS SDKs
do not retry a 501). test/docs.test.ts keeps this table in step with the operation registries;
regenerate the status column with \`npx tsx scripts/compatibility.ts\` (notes are kept).
`;
  for (const s of sections()) {
    const done = s.ops.filter((o) => s.registry[o]).length;
    out += `\n## ${s.title}: ${done} of ${s.ops.length}\n\n| Operation | Status | Notes |\n|---|---|---|\n`;
    const old = parseDoc(text, s.title);
    for (const op of s.ops)
      out += `| ${op} | ${s.registry[op] ? IMPLEMENTED : MISSING} | ${old.get(op)?.notes ?? ""} |\n`;
  }
  writeFileSync(DOC, out);
  console.log(`wrote ${DOC}`);
}
