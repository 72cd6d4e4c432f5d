/**
 * Every word the hosted pages show, in one place (STYLE.md, "Hosted UI"). Sign-in errors use
 * Cognito's wording where the API has one, so a user sees the same text on the page and in an app.
 */
export const messages = {
  productName: "cognate",
  signIn: {
    title: "Sign in",
    heading: "Sign in to your account",
    username: "Username",
    usernameHint: "Your username, or the email address or phone number you signed up with",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
    forClient: (clientName: string) => `to continue to ${clientName}`,
    /** Above the buttons of the client's external identity providers. */
    federationDivider: "or",
    withProvider: (providerName: string) => `Sign in with ${providerName}`,
  },
  newPassword: {
    title: "Change your password",
    heading: "Choose a new password",
    intro:
      "Your administrator created your account with a temporary password. Choose a password of your own to continue.",
    password: "New password",
    confirm: "Confirm new password",
    mismatch: "The passwords do not match.",
    requiredAttribute: (name: string) => `${name} (required)`,
    submit: "Change password and sign in",
  },
  errorPage: {
    title: "Something went wrong",
    heading: "We can't continue with this request",
    back: "Check the link you followed, or return to the application and try again.",
    code: (error: string) => `Error: ${error}`,
  },
  signedOut: {
    title: "Signed out",
    heading: "You are signed out",
  },
  /** Errors of the sign-in engine, by exception name; unknown names show `fallback`. */
  authErrors: {
    NotAuthorizedException: "Incorrect username or password.",
    UserNotFoundException: "Incorrect username or password.",
    UserNotConfirmedException:
      "Your account is not confirmed yet. Confirm it with the code you received, then sign in.",
    PasswordResetRequiredException: "Your password must be reset before you can sign in.",
    InvalidPasswordException: "The new password does not meet the password requirements.",
    InvalidParameterException: "Some of the information you entered is not valid.",
    TooManyRequestsException: "Too many attempts. Wait a moment and try again.",
    NotImplementedException:
      "This account needs a sign-in step (such as multi-factor authentication) that the hosted pages of cognate do not offer yet.",
    fallback: "Sign-in failed. Try again.",
  } as Record<string, string>,
  csrf: "Your session on this page expired. Please try again.",
  missingCredentials: "Enter your username and password.",
  /** Error-page explanations, by OAuth error. */
  pageErrors: {
    client: "The application that sent you here is not known to this user pool.",
    redirect_mismatch: "The address the application asked to return to is not registered for it.",
    logout: "The sign-out address is not registered for this application.",
    pool: "This sign-in page does not exist.",
    federationState:
      "The sign-in with your identity provider could not be matched to a sign-in started in this browser, or took too long. Return to the application and try again.",
  },
} as const;
