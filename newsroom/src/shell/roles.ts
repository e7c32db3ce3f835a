import type { StaffRole } from '../api/types';

/** The roles from least to most rights, as the server orders them (src/capabilities/staff/staff.ts). */
const ORDER: StaffRole[] = ['contributor', 'reporter', 'editor', 'admin', 'owner'];

/** Whether `role` has the rights of `needed`: the app offers only what the API would allow (it checks again). */
export function roleAtLeast(role: StaffRole, needed: StaffRole): boolean {
  return ORDER.indexOf(role) >= ORDER.indexOf(needed);
}
