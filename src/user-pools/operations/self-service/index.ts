import type { Operation } from "../../operation.ts";
import ConfirmForgotPassword from "./ConfirmForgotPassword.ts";
import ConfirmSignUp from "./ConfirmSignUp.ts";
import ForgotPassword from "./ForgotPassword.ts";
import ResendConfirmationCode from "./ResendConfirmationCode.ts";
import SignUp from "./SignUp.ts";

export const selfServiceOperations: Operation[] = [
  SignUp,
  ConfirmSignUp,
  ResendConfirmationCode,
  ForgotPassword,
  ConfirmForgotPassword,
];
