export type { StaffMember, StaffRole } from './staff.js';
export { checkNewStaff, checkPassword, isStaffRole, roleAtLeast, STAFF_ROLES } from './staff.js';
export { countStaff } from './staff-repository.js';
export { createStaff, hashPassword } from './staff-service.js';
