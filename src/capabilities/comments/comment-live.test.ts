import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { installErrorHandling } from '../../platform/http/error-handler.js';
import { siteErrorPage } from '../site/index.js';
import { staffAuth } from '../staff/index.js';
import { commentApi } from './index.js';

const API = '/api/admin/v1';

/**
 * The hook app.ts can hand to the live documents (a Hocuspocus stateless broadcast): called once per
 * committed change with the article's id, never for a refused one, and its failure is not the request's.
 */
describeEachDialect('telling the live documents that comments changed', (t) => {
  it('calls onCommentsChanged after each committed change, and only then', async () => {
    const { app: full, deps } = await buildTestApp(t.database);
    const editor = await signedInAs(deps, 'editor');
    const made = await full.inject({
      method: 'POST',
      url: `${API}/articles`,
      headers: editor.headers,
      payload: { headline: 'Harbour Reopens', bodyMarkdown: 'The harbour reopened.' },
    });
    const id = made.json().id as string;

    const told: string[] = [];
    let fail = false;
    const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    installErrorHandling(app, siteErrorPage(deps), deps.writeHealth);
    await app.register(
      async (admin) => {
        await admin.register(staffAuth, { deps });
        await admin.register(commentApi, {
          deps,
          onCommentsChanged: async (articleId) => {
            told.push(articleId);
            if (fail) throw new Error('the live documents are away');
          },
        });
      },
      { prefix: API },
    );
    const call = (method: string, url: string, payload?: unknown) =>
      app.inject({
        method: method as 'GET',
        url: `${API}${url}`,
        headers: editor.headers,
        ...(payload ? { payload } : {}),
      });

    const started = await call('POST', `/articles/${id}/comments`, {
      text: 'Which day?',
      anchor: { quote: 'harbour' },
    });
    expect(started.statusCode, started.body).toBe(201);
    const threadId = started.json().id;
    expect(told).toEqual([id]);
    // Reads and refusals tell no one.
    await call('GET', `/articles/${id}/comments`);
    expect((await call('POST', `/articles/${id}/comments/${threadId}/reopen`)).statusCode).toBe(409);
    expect(
      (await call('POST', `/articles/${id}/comments`, { text: ' ', anchor: { quote: 'x' } })).statusCode,
    ).toBe(400);
    expect(told).toEqual([id]);
    expect(
      (await call('POST', `/articles/${id}/comments/${threadId}/replies`, { text: 'Monday.' })).statusCode,
    ).toBe(201);
    expect((await call('POST', `/articles/${id}/comments/${threadId}/resolve`)).statusCode).toBe(200);
    expect(told).toEqual([id, id, id]);

    // A broken hook is logged; the comment is saved and the request succeeds.
    fail = true;
    expect((await call('POST', `/articles/${id}/comments/${threadId}/reopen`)).statusCode).toBe(200);
    expect(told).toHaveLength(4);
    expect((await call('GET', `/articles/${id}/comments`)).json().threads[0].status).toBe('open');
    await app.close();
  });
});
