import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkKey, type OpenedObject, type PutOptions, type Storage } from './storage.js';

/**
 * Files in a folder (by default `<MASTHEAD_DATA>/media`). Writes go to a temporary file that is
 * flushed to disk and then renamed over the key, so a crash leaves either the old object or the
 * whole new one, never a torn file (the same promise SQLite's `synchronous = FULL` makes).
 */
export function localStorage(root: string): Storage {
  const fileOf = (key: string) => path.join(root, checkKey(key));

  return {
    location: root,

    async put(key: string, body: Buffer, _options: PutOptions): Promise<void> {
      const file = fileOf(key);
      const dir = path.dirname(file);
      await fs.promises.mkdir(dir, { recursive: true });
      const temporary = `${file}.${randomBytes(6).toString('hex')}.partial`;
      try {
        const handle = await fs.promises.open(temporary, 'wx');
        try {
          await handle.writeFile(body);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.promises.rename(temporary, file);
      } catch (error) {
        await fs.promises.rm(temporary, { force: true });
        throw error;
      }
      await syncDirectory(dir);
    },

    async get(key: string): Promise<Buffer | null> {
      try {
        return await fs.promises.readFile(fileOf(key));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async open(key: string): Promise<OpenedObject | null> {
      const file = fileOf(key);
      let handle: fs.promises.FileHandle;
      try {
        handle = await fs.promises.open(file, 'r');
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      // Size and stream come from one open file, so a delete in between cannot split them.
      const { size } = await handle.stat();
      return { body: handle.createReadStream(), size };
    },

    async delete(key: string): Promise<void> {
      await fs.promises.rm(fileOf(key), { force: true });
    },

    async close(): Promise<void> {},
  };
}

/** The rename itself is only durable once the folder's entry is on disk. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
