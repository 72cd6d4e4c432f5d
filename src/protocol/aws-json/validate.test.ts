import assert from "node:assert/strict";
import { test } from "node:test";
import { cognitoIdpModel } from "./generated/cognito-idp.ts";
import { validateInput } from "./validate.ts";

const check = (shape: string, input: unknown) => {
  try {
    validateInput(cognitoIdpModel, shape, input);
    return "ok";
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
};

test("required members, in Cognito's wording", () => {
  assert.equal(
    check("AdminGetUserRequest", { Username: "a" }),
    "InvalidParameterException: 1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null",
  );
  assert.match(
    check("AdminGetUserRequest", {}),
    /^InvalidParameterException: 2 validation errors detected: /,
  );
});

test("pattern and length; sensitive values are not echoed", () => {
  assert.equal(
    check("AdminGetUserRequest", { UserPoolId: "bad pool", Username: "a" }),
    "InvalidParameterException: 1 validation error detected: Value 'bad pool' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
  );
  const long = check("AdminGetUserRequest", { UserPoolId: "us-east-1_abc", Username: "x".repeat(129) });
  assert.equal(
    long,
    "InvalidParameterException: 1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128",
  );
});

test("enums, nested lists and numbers", () => {
  assert.match(
    check("AdminCreateUserRequest", { UserPoolId: "us-east-1_abc", Username: "a", MessageAction: "SHOUT" }),
    /Member must satisfy enum value set: \[RESEND, SUPPRESS\]/,
  );
  assert.match(
    check("AdminCreateUserRequest", { UserPoolId: "us-east-1_abc", Username: "a", UserAttributes: [{}] }),
    /at 'userAttributes\.1\.member\.name' failed to satisfy constraint: Member must not be null/,
  );
  assert.match(
    check("ListUsersRequest", { UserPoolId: "us-east-1_abc", Limit: 61 }),
    /Member must have value less than or equal to 60/,
  );
});

test("wrong JSON types are serialization errors", () => {
  assert.match(check("AdminGetUserRequest", { UserPoolId: 5, Username: "a" }), /^SerializationException/);
  assert.match(
    check("AdminCreateUserRequest", { UserPoolId: "us-east-1_abc", Username: "a", UserAttributes: "x" }),
    /^SerializationException/,
  );
  assert.equal(check("AdminGetUserRequest", { UserPoolId: "us-east-1_abc", Username: "a", Extra: 1 }), "ok");
});
