import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, onSessionExpired, sessionRenewed } from './client';

/**
 * The re-sign-in race, with the network held in the test's hands: a poll sent while the person types
 * their password in the "session has ended" dialog is answered 401 after the sign-in succeeded. It must
 * be sent again with the new session, not open the dialog a second time (journey 1 waited a minute for a
 * dialog that came back).
 */

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const expired = () => answer(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in again.' } });

afterEach(() => {
  vi.unstubAllGlobals();
  onSessionExpired(null);
});

describe('a 401 after the session expired', () => {
  it('is retried without asking again when a sign-in succeeded while it was in flight', async () => {
    let answerPoll: (response: Response) => void = () => {};
    const calls: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      calls.push(url);
      if (calls.length === 1) return new Promise<Response>((resolve) => (answerPoll = resolve));
      return Promise.resolve(answer(200, { comments: [] }));
    });
    const asked = vi.fn(async () => {});
    onSessionExpired(asked);

    const poll = api<{ comments: [] }>('/articles/a/comments');
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    sessionRenewed();
    answerPoll(expired());

    await expect(poll).resolves.toEqual({ comments: [] });
    expect(asked).not.toHaveBeenCalled();
    expect(calls).toEqual(['/api/admin/v1/articles/a/comments', '/api/admin/v1/articles/a/comments']);
  });

  it('asks the person to sign in again when no sign-in happened since it was sent', async () => {
    let expiredSession = true;
    vi.stubGlobal('fetch', () => Promise.resolve(expiredSession ? expired() : answer(200, { comments: [] })));
    const asked = vi.fn(async () => {
      sessionRenewed();
      expiredSession = false;
    });
    onSessionExpired(asked);

    await expect(api('/articles/a/comments')).resolves.toEqual({ comments: [] });
    expect(asked).toHaveBeenCalledTimes(1);
  });
});
