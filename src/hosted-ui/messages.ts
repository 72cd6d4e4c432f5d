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
    /** Passwordless first factors (USER_AUTH), offered when the pool's SignInPolicy allows them. */
    withCode: { EMAIL_OTP: "Email me a sign-in code", SMS_OTP: "Text me a sign-in code" } as Record<
      string,
      string
    >,
    codeDivider: "or, without a password",
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
  mfa: {
    title: "Verify it's you",
    heading: "Enter your verification code",
    totpIntro: "Open your authenticator app and enter the 6-digit code it shows for this account.",
    smsIntro: (destination: string) => `We sent a code by text message to ${destination}.`,
    emailIntro: (destination: string) => `We sent a code by email to ${destination}.`,
    code: "Verification code",
    submit: "Verify and sign in",
    codeFormat: "Enter the code as digits only.",
    selectTitle: "Choose a verification method",
    selectHeading: "How do you want to verify it's you?",
    selectIntro: "Your account has more than one way to confirm a sign-in. Choose one.",
    setupUnavailable:
      "This account must set up multi-factor authentication with a method these pages do not offer. Contact your administrator.",
    factorName: {
      SOFTWARE_TOKEN_MFA: "Authenticator app",
      SMS_MFA: "Text message (SMS)",
      EMAIL_OTP: "Email",
    } as Record<string, string>,
    /** Errors of a challenge step, by exception name; others fall back to authErrors. */
    errors: {
      CodeMismatchException: "That code is not correct. Check it and try again.",
      EnableSoftwareTokenMFAException:
        "That code is not correct. Check the time on your device and try again.",
      NotAuthorizedException: "Your sign-in took too long. Sign in again.",
      ExpiredCodeException: "That code has expired. Sign in again to get a new one.",
    } as Record<string, string>,
  },
  totpSetup: {
    title: "Set up an authenticator app",
    heading: "Set up two-step verification",
    intro:
      "Your account needs an authenticator app, such as Google Authenticator, 1Password or Microsoft Authenticator.",
    scan: "Scan this QR code with the app.",
    qrAlt: "QR code to add this account to an authenticator app",
    openApp: "On this device? Open it in your authenticator app",
    orType: "Or enter this key in the app by hand:",
    enterCode: "Enter the 6-digit code the app now shows.",
    code: "Code from the app",
    submit: "Verify and finish sign-in",
  },
  selfService: {
    signUpTitle: "Sign up",
    signUpHeading: "Create your account",
    signUpSubmit: "Create account",
    email: "Email address",
    password: "Password",
    confirmPassword: "Confirm password",
    phoneHint: "With the country code, for example +14155550100",
    attributeLabel: {
      email: "Email address",
      phone_number: "Phone number",
      name: "Full name",
      given_name: "First name",
      family_name: "Last name",
      preferred_username: "Preferred username",
      nickname: "Nickname",
      birthdate: "Date of birth (YYYY-MM-DD)",
      address: "Address",
      gender: "Gender",
      locale: "Locale",
      website: "Website",
      zoneinfo: "Time zone",
      middle_name: "Middle name",
      profile: "Profile page",
      picture: "Picture URL",
    } as Record<string, string>,
    haveAccount: "Already have an account? Sign in",
    signUpDisabled: "Accounts for this application are created by an administrator.",
    missingFields: "Fill in every field.",
    signedUp: "Your account is ready. Sign in to continue.",
    confirmTitle: "Confirm your account",
    confirmHeading: "Confirm your account",
    confirmIntro: "Enter the confirmation code we sent you.",
    code: "Confirmation code",
    confirmSubmit: "Confirm account",
    resend: "Send a new code",
    confirmed: "Your account is confirmed. Sign in to continue.",
    codeSent: (how: string, destination: string) =>
      `We sent a code ${how} to ${destination}. Enter it below.`,
    codeSentSomewhere: "If the account exists, we sent it a code. Enter it below.",
    byEmail: "by email",
    bySms: "by text message",
    forgotTitle: "Forgot your password?",
    forgotHeading: "Reset your password",
    forgotIntro: "Enter your username and we will send you a code to reset your password.",
    forgotSubmit: "Send code",
    backToSignIn: "Back to sign in",
    resetTitle: "Choose a new password",
    resetHeading: "Choose a new password",
    resetIntro: "Enter the code we sent you and your new password.",
    resetSubmit: "Reset password",
    passwordReset: "Your password has been reset. Sign in with your new password.",
    /** Links on the sign-in page. */
    forgotLink: "Forgot your password?",
    signUpLink: "Need an account? Sign up",
    /** Errors of SignUp, ConfirmSignUp, ForgotPassword and ConfirmForgotPassword; others fall back to authErrors. */
    errors: {
      UsernameExistsException: "An account with this username already exists.",
      AliasExistsException: "An account with this email address or phone number already exists.",
      CodeMismatchException: "That code is not correct. Check it and try again.",
      ExpiredCodeException: "That code has expired. Request a new one.",
      LimitExceededException: "Too many attempts. Wait a while and try again.",
      UserNotFoundException: "We could not find an account with that username.",
      NotAuthorizedException: "This action is not allowed for this account.",
      InvalidParameterException: "Some of the information you entered is not valid.",
    } as Record<string, string>,
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
      "This account needs a sign-in step that the hosted pages of cognate do not offer yet.",
    /** Not an exception: the user asked for a passwordless factor they cannot use (no verified email/phone). */
    PasswordlessUnavailable:
      "This sign-in method is not available for your account. Sign in with your password instead.",
    fallback: "Sign-in failed. Try again.",
  } as Record<string, string>,
  csrf: "Your session on this page expired. Please try again.",
  missingCredentials: "Enter your username and password.",
  missingUsername: "Enter your username.",
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
