import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { parseUserFilter } from "./list-users-filter.ts";

const fails = (filter: string, message: string) =>
  assert.throws(
    () => parseUserFilter(filter),
    (e: unknown) =>
      e instanceof ServiceError && e.name === "InvalidParameterException" && e.message === message,
  );

describe("parseUserFilter", () => {
  // Forms from the ListUsers API reference: `family_name = "Reddy"`, `given_name ^= "Jon"`.
  test("exact and prefix matches, with or without spaces", () => {
    assert.deepEqual(parseUserFilter('family_name = "Reddy"'), {
      name: "family_name",
      op: "=",
      value: "Reddy",
    });
    assert.deepEqual(parseUserFilter('given_name ^= "Jon"'), { name: "given_name", op: "^=", value: "Jon" });
    assert.deepEqual(parseUserFilter('email="a@example.com"'), {
      name: "email",
      op: "=",
      value: "a@example.com",
    });
    assert.deepEqual(parseUserFilter('cognito:user_status="CONFIRMED"'), {
      name: "cognito:user_status",
      op: "=",
      value: "CONFIRMED",
    });
  });

  test("escaped quotes and backslashes inside the value", () => {
    assert.deepEqual(parseUserFilter('name = "say \\"hi\\""'), { name: "name", op: "=", value: 'say "hi"' });
    assert.deepEqual(parseUserFilter('name = "a\\\\b"'), { name: "name", op: "=", value: "a\\b" });
    assert.deepEqual(parseUserFilter('name = ""'), { name: "name", op: "=", value: "" });
  });

  test("an empty filter lists everyone", () => {
    assert.equal(parseUserFilter(undefined), undefined);
    assert.equal(parseUserFilter(""), undefined);
    assert.equal(parseUserFilter("   "), undefined);
  });

  test("attributes Cognito cannot search are refused", () => {
    fails('custom:foo = "bar"', "Invalid search attribute: custom:foo");
    fails('nickname ^= "x"', "Invalid search attribute: nickname");
  });

  test("malformed filters are refused with Cognito's parse error", () => {
    fails("foo", "Error while parsing filter.");
    fails('email = "unterminated', "Error while parsing filter.");
    fails('email != "x"', "Error while parsing filter.");
    fails('email = "a" "b"', "Error while parsing filter.");
    fails('email = "a"b"', "Error while parsing filter.");
    fails("email = unquoted", "Error while parsing filter.");
  });
});
