import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { ApiError, api, OfflineError, onSessionExpired, sessionRenewed, setCsrfToken } from '../api/client';
import type { Staff } from '../api/types';
import { later } from './later';

// Needed only when a session ends mid-work: loaded then, not with the app.
const SignInDialog = later(() => import('./SignInDialog').then((m) => m.SignInDialog));

export interface SignInReply {
  staff: Staff;
  csrfToken: string;
}

/**
 * The server's second step of a sign-in (202): a code from the authenticator app or a recovery code
 * (`two-factor`), a code it mailed because this browser is new and the account is under attack
 * (`mailed-code`), or setting up two-factor that the paper requires (`enrol`).
 */
export interface SignInStep {
  next: 'two-factor' | 'mailed-code' | 'enrol';
  challenge: string;
}

interface Session {
  /** null: signed out; undefined: still asking the server. */
  staff: Staff | null | undefined;
  /** Signs in, or answers with the step the server asks for next. */
  signIn(email: string, password: string): Promise<SignInStep | null>;
  /** Ends a sign-in that went through a second step with the session the server gave. */
  signedIn(reply: SignInReply): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

// Who was signed in last, so the app opens (and restores unsaved work) after a reload without a network.
// Only the name and role: the session itself stays in its HttpOnly cookie.
const LAST_STAFF = 'newsroom.lastStaff';

export function rememberedStaff(): Staff | null {
  try {
    const raw = localStorage.getItem(LAST_STAFF);
    return raw ? (JSON.parse(raw) as Staff) : null;
  } catch {
    return null;
  }
}

function remember(staff: Staff | null): void {
  if (staff) localStorage.setItem(LAST_STAFF, JSON.stringify(staff));
  else localStorage.removeItem(LAST_STAFF);
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in staff member; only inside screens that the shell shows once signed in. */
export function useStaff(): Staff {
  const { staff } = useSession();
  if (!staff) throw new Error('useStaff while signed out');
  return staff;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [staff, setStaff] = useState<Staff | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const waiting = useRef<{ promise: Promise<void>; resolve: () => void } | null>(null);

  useEffect(() => {
    api<{ staff: Staff | null; csrfToken: string | null }>('/auth/me', { noReauth: true })
      .then((me) => {
        setCsrfToken(me.csrfToken);
        setStaff(me.staff);
        remember(me.staff);
      })
      .catch((error: unknown) => {
        if (error instanceof OfflineError) setStaff(rememberedStaff());
        else if (error instanceof ApiError && error.status === 401) setStaff(null);
        else throw error;
      });
  }, []);

  // Every request that meets an expired session waits on the same dialog, then is sent again.
  useEffect(() => {
    onSessionExpired(() => {
      if (!waiting.current) {
        let resolve = () => {};
        const promise = new Promise<void>((r) => {
          resolve = r;
        });
        waiting.current = { promise, resolve };
        setExpired(true);
      }
      return waiting.current.promise;
    });
    return () => onSessionExpired(null);
  }, []);

  const signedIn = useCallback((reply: SignInReply) => {
    sessionRenewed();
    setCsrfToken(reply.csrfToken);
    setStaff(reply.staff);
    remember(reply.staff);
  }, []);

  const signIn = useCallback(
    async (email: string, password: string): Promise<SignInStep | null> => {
      const reply = await api<SignInReply | SignInStep>('/auth/sign-in', {
        method: 'POST',
        body: { email, password },
        noReauth: true,
      });
      if ('challenge' in reply) return reply;
      signedIn(reply);
      return null;
    },
    [signedIn],
  );

  const signOut = useCallback(async () => {
    await api('/auth/sign-out', { method: 'POST', body: {} });
    setCsrfToken(null);
    setStaff(null);
    remember(null);
  }, []);

  // The dialog of an expired session: done once the session is back, whether in one step or two.
  const resumed = useCallback(() => {
    setExpired(false);
    waiting.current?.resolve();
    waiting.current = null;
  }, []);

  return (
    <SessionContext.Provider value={{ staff, signIn, signedIn, signOut }}>
      {children}
      {expired && <SignInDialog onSignedIn={resumed} />}
    </SessionContext.Provider>
  );
}
