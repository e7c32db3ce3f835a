export { type Actor, assertRole, requireActor } from './actor.js';
export type { ApiToken } from './api-token.js';
export { createApiToken, listApiTokens, revokeApiToken } from './api-token-service.js';
export type { StaffMember, StaffRole } from './staff.js';
export { checkNewStaff, checkPassword, isStaffRole, roleAtLeast, STAFF_ROLES } from './staff.js';
export { staffApi } from './staff-api.js';
export { staffAuth } from './staff-auth-plugin.js';
export { countStaff } from './staff-repository.js';
export { createStaff, hashPassword } from './staff-service.js';
