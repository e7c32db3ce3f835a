import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkKey, createStorage, type Storage } from './index.js';

const temporary: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

/** The same promises from every adapter: what the media capability relies on. */
function contract(name: string, open: () => Promise<Storage>) {
  describe(`storage contract: ${name}`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await open();
    });
    afterAll(async () => {
      await storage.close();
    });

    it('stores, reads back, streams with its size, overwrites and deletes', async () => {
      const key = 'public/abc123-320.webp';
      await storage.put(key, Buffer.from('first version'), { contentType: 'image/webp' });
      expect((await storage.get(key))?.toString()).toBe('first version');
      await storage.put(key, Buffer.from('second'), { contentType: 'image/webp' });
      const opened = await storage.open(key);
      expect(opened?.size).toBe(6);
      expect(await text(opened!.body)).toBe('second');
      await storage.delete(key);
      expect(await storage.get(key)).toBeNull();
      expect(await storage.open(key)).toBeNull();
    });

    it('answers null for a missing object and takes a repeated delete calmly', async () => {
      expect(await storage.get('originals/none.jpg')).toBeNull();
      expect(await storage.open('originals/none.jpg')).toBeNull();
      await expect(storage.delete('originals/none.jpg')).resolves.toBeUndefined();
    });

    it('keeps binary bytes exact', async () => {
      const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
      await storage.put('originals/bin.png', bytes, { contentType: 'image/png' });
      expect((await storage.get('originals/bin.png'))?.equals(bytes)).toBe(true);
    });

    it('refuses keys that could leave the store', async () => {
      for (const key of ['../secret', 'a/../../b', '/etc/passwd', 'Public/X.jpg', 'a//b', '']) {
        await expect(storage.put(key, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toThrow(
          'is not a storage key',
        );
      }
    });
  });
}

contract('local folder', async () => createStorage({ kind: 'local', root: tempDir('masthead-store-') }));

describe('local folder', () => {
  it('leaves no partial files behind and writes under its root only', async () => {
    const root = tempDir('masthead-store-');
    const storage = createStorage({ kind: 'local', root });
    await storage.put('public/a-1.jpg', Buffer.from('x'), { contentType: 'image/jpeg' });
    expect(fs.readdirSync(path.join(root, 'public'))).toEqual(['a-1.jpg']);
  });
});

let server: S3rver | null = null;
contract('S3 (s3rver on 127.0.0.1)', async () => {
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: tempDir('masthead-s3-'),
    configureBuckets: [{ name: 'media' }],
  });
  const { port } = await server.run();
  return createStorage({
    kind: 's3',
    bucket: 'media',
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  });
});
afterAll(async () => {
  await server?.close();
});

describe('checkKey', () => {
  it('accepts the keys media uses', () => {
    expect(checkKey('originals/0190abcd-ef.jpg')).toBe('originals/0190abcd-ef.jpg');
    expect(checkKey('public/3f2a9c-1200x630.jpg')).toBe('public/3f2a9c-1200x630.jpg');
  });
});
