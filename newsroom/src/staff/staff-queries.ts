import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Staff, StaffRole } from '../api/types';

/** A line of the staff list, as GET /staff gives it. */
export interface StaffLine extends Staff {
  createdAt: string;
  disabled: boolean;
  twoFactor: boolean;
  lastSignInAt: string | null;
}

export interface Invitation {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  invitedBy: { staffId: string | null; name: string };
  createdAt: string;
  expiresAt: string;
  state: 'pending' | 'expired';
}

export interface ApiToken {
  id: string;
  name: string;
  role: StaffRole;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditEvent {
  id: string;
  at: string;
  actor: { staffId: string | null; name: string; role: string };
  action: string;
  subject: { kind: string; id: string };
  summary: string;
}

export const ROLE_LABELS: Record<StaffRole, string> = {
  contributor: 'Contributor',
  reporter: 'Reporter',
  editor: 'Editor',
  admin: 'Admin',
  owner: 'Owner',
};

/** The roles an actor may give: admins up to editor, owners any (the server checks the same). */
export function grantableRoles(actorRole: StaffRole): { id: string; label: string }[] {
  const roles = Object.entries(ROLE_LABELS).map(([id, label]) => ({ id, label }));
  return actorRole === 'owner' ? roles : roles.filter((r) => r.id !== 'admin' && r.id !== 'owner');
}

export function useStaffList() {
  return useQuery({
    queryKey: ['staff'],
    queryFn: () => api<{ staff: StaffLine[] }>('/staff').then((r) => r.staff),
  });
}

export function useInvitations() {
  return useQuery({
    queryKey: ['invitations'],
    queryFn: () => api<{ invitations: Invitation[] }>('/staff/invitations').then((r) => r.invitations),
  });
}

export function useApiTokens() {
  return useQuery({
    queryKey: ['tokens'],
    queryFn: () => api<{ tokens: ApiToken[] }>('/tokens').then((r) => r.tokens),
  });
}
