import { expect, it } from 'vitest';
import { buildTestApp } from '../support/app.js';
import { signedInAs } from '../support/auth.js';
import { describeEachDialect } from '../support/databases.js';

const API = '/api/admin/v1';

interface Operation {
  requestBody?: { content?: Record<string, unknown> };
}

/** Issue 12: extra JSON fields were dropped without a word; every Admin API body now refuses them. */
describeEachDialect('unknown body fields', (t) => {
  it('answers 400 UNKNOWN_FIELDS on every Admin API route that takes a JSON body', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const owner = await signedInAs(deps, 'owner');
    const doc = (await app.inject({ url: `${API}/openapi.json` })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => op.requestBody?.content?.['application/json'])
        .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
    expect(routes.length).toBeGreaterThan(20);
    for (const { method, path } of routes) {
      const url = path.replace(/\{[^}]+\}/g, 'x1');
      const res = await app.inject({
        method: method as 'POST',
        url,
        headers: owner.headers,
        payload: { surpriseField: 1, another: 'x' },
      });
      const label = `${method} ${path}`;
      expect(res.statusCode, label).toBe(400);
      const error = res.json().error;
      // The settings map takes any key by design; its service names the unknown setting itself.
      if (path === `${API}/settings`) {
        expect(error.message, label).toContain('surpriseField');
        continue;
      }
      expect(error, label).toMatchObject({
        code: 'UNKNOWN_FIELDS',
        details: { fields: ['surpriseField', 'another'] },
      });
    }
  });

  it('names nested unknown fields, writes nothing, and still takes a body with only known fields', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const owner = await signedInAs(deps, 'owner');
    const made = await app.inject({
      method: 'POST',
      url: `${API}/articles`,
      headers: owner.headers,
      payload: { headline: 'Bridge reopens', dek: 'After two years' },
    });
    expect(made.statusCode).toBe(201);
    const { id, revision } = made.json();
    const refused = await app.inject({
      method: 'PATCH',
      url: `${API}/articles/${id}`,
      headers: owner.headers,
      payload: {
        revision,
        headline: 'Changed',
        leadImage: { mediaId: 'm1', captoin: 'typo' },
        tags: ['a'],
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'UNKNOWN_FIELDS',
      details: { fields: ['leadImage.captoin'] },
    });
    const after = await app.inject({ url: `${API}/articles/${id}`, headers: owner.headers });
    expect(after.json()).toMatchObject({ headline: 'Bridge reopens', revision });

    // The article document keeps its open shape: the service checks it in full.
    const saved = await app.inject({
      method: 'PATCH',
      url: `${API}/articles/${id}`,
      headers: owner.headers,
      payload: {
        revision,
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi.' }] }] },
      },
    });
    expect(saved.statusCode).toBe(200);
  });

  it('says so in the OpenAPI document', async () => {
    const { app } = await buildTestApp(t.database);
    const doc = (await app.inject({ url: `${API}/openapi.json` })).json();
    const tokenBody = doc.paths[`${API}/tokens`].post.requestBody.content['application/json'].schema;
    expect(tokenBody.additionalProperties).toBe(false);
  });
});
