import { Type } from 'typebox';
import { RoleSchema } from './schemas.js';

export const AutoProvisionRole = Type.Union([RoleSchema, Type.Null()], {
  description: 'Role given to people signing in for the first time; null = only existing users',
});
export const Domain = Type.String({
  minLength: 3,
  maxLength: 253,
  pattern: '^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$',
});
// Deliberately no secret field: the response schema strips anything not listed here.
export const SsoConfigSchema = Type.Object({
  configured: Type.Boolean(),
  issuer: Type.String(),
  clientId: Type.String(),
  clientSecretSet: Type.Boolean(),
  enabled: Type.Boolean(),
  autoProvisionRole: AutoProvisionRole,
  allowedEmailDomains: Type.Array(Type.String()),
  redirectUri: Type.String({ description: 'Register this redirect URI with the identity provider' }),
  startUrl: Type.String(),
});
