import type { Operation } from "../../operation.ts";
import AddUserPoolClientSecret from "./AddUserPoolClientSecret.ts";
import DeleteUserPoolClientSecret from "./DeleteUserPoolClientSecret.ts";
import ListUserPoolClientSecrets from "./ListUserPoolClientSecrets.ts";

/** Rotating an app client's secrets: up to two current at once. */
export const clientSecretOperations: Operation[] = [
  AddUserPoolClientSecret,
  ListUserPoolClientSecrets,
  DeleteUserPoolClientSecret,
];
