import { Type } from 'typebox';
import { SignInReply } from './staff-schemas.js';

/** TypeBox schemas of password change and reset, two-factor, and the sign-in steps after the password. */

const Code = Type.String({ minLength: 1, maxLength: 40 });
const Secret = Type.String({ minLength: 1, maxLength: 200 });

export const ChallengeReply = Type.Object({
  /** What the next request must bring: an app code, a mailed code, or enrolment in two-factor. */
  next: Type.Enum(['two-factor', 'mailed-code', 'enrol']),
  /** Send back as `challenge`; it opens nothing but the next step. */
  challenge: Type.String(),
  expiresAt: Type.String(),
});

export const SignInVerifyBody = Type.Object(
  { challenge: Secret, code: Code },
  { additionalProperties: false },
);

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);

export const PasswordChangeReply = Type.Object({
  message: Type.String(),
  /** How many other sessions of this staff member were ended. */
  endedSessions: Type.Integer(),
});

export const PasswordResetBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }) },
  { additionalProperties: false },
);

export const PasswordResetConfirmBody = Type.Object(
  { token: Secret, password: Type.String({ maxLength: 1000 }) },
  { additionalProperties: false },
);

export const MessageReply = Type.Object({ message: Type.String() });

export const TwoFactorStatusReply = Type.Object({
  enabled: Type.Boolean(),
  pending: Type.Boolean(),
  recoveryCodesLeft: Type.Integer(),
  required: Type.Boolean(),
});

/** With a session, no challenge; from an `enrol` sign-in step, its challenge. */
export const EnrolBody = Type.Object({ challenge: Type.Optional(Secret) }, { additionalProperties: false });

export const EnrolReply = Type.Object({
  /** Base32, for typing in by hand; shown this once. */
  secret: Type.String(),
  /** otpauth:// URI, for a QR code. */
  uri: Type.String(),
});

export const EnrolConfirmBody = Type.Object(
  { challenge: Type.Optional(Secret), code: Code },
  { additionalProperties: false },
);

export const RecoveryCodesReply = Type.Object({
  /** Ten single-use codes, shown this once. */
  recoveryCodes: Type.Array(Type.String()),
  /** Set when enrolment finished a sign-in (an `enrol` challenge): the new session. */
  signedIn: Type.Union([SignInReply, Type.Null()]),
});

export const CodeBody = Type.Object({ code: Code }, { additionalProperties: false });

export const DisableBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 256 }), code: Code },
  { additionalProperties: false },
);

export const PolicyReply = Type.Object({ twoFactorRequired: Type.Boolean() });
export const PolicyBody = Type.Object({ twoFactorRequired: Type.Boolean() }, { additionalProperties: false });
