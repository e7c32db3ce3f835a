import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { IMPORTER, importArticle, parseImportFile } from '../capabilities/articles/index.js';
import { openMediaStorage, uploadMedia } from '../capabilities/media/index.js';
import type { Config } from '../config.js';
import { systemClock } from '../platform/clock.js';
import type { DatabaseHandle } from '../platform/database/database.js';
import { inTransaction } from '../platform/database/transaction.js';
import { AppError } from '../platform/http/errors.js';
import type { Storage } from '../platform/storage/index.js';

/** Every Markdown file named, or found under a named folder, in a stable order. */
export function collectMarkdownFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(md|markdown)$/i.test(entry.name)) files.push(full);
    }
  };
  for (const p of paths) {
    if (!fs.existsSync(p)) missing.push(p);
    else if (fs.statSync(p).isDirectory()) walk(p);
    else files.push(p);
  }
  return { files, missing };
}

/**
 * Imports files one transaction each, so one bad file is reported and skipped while the rest go in.
 * Returns the number of files that failed.
 */
export async function runImport(
  database: DatabaseHandle,
  config: Config,
  paths: string[],
  out: { progress: (done: number, total: number) => void; line: (text: string) => void },
): Promise<number> {
  const { files, missing } = collectMarkdownFiles(paths);
  for (const m of missing) out.line(`not found: ${m}`);
  let created = 0;
  let updated = 0;
  const failures: string[] = [];
  const warnings: string[] = [];
  // One storage client for the whole run (an S3 client holds sockets), closed at the end.
  const storage = openMediaStorage(config);
  try {
    for (const [index, file] of files.entries()) {
      try {
        const parsed = parseImportFile(fs.readFileSync(file, 'utf8'));
        // The photo goes through the photo desk first (its own transaction: file and row together).
        const photoId = await importPhoto(database, storage, parsed.frontMatter.image, file);
        const result = await inTransaction(database.db, (trx) =>
          importArticle(trx, systemClock, parsed, file, photoId),
        );
        if (result.created) created++;
        else updated++;
        for (const w of result.warnings) warnings.push(`${file}: ${w}`);
      } catch (error) {
        const field = (error as { details?: { field?: string } }).details?.field;
        failures.push(`${file}: ${field ? `${field}: ` : ''}${(error as Error).message}`);
      }
      out.progress(index + 1, files.length);
    }
  } finally {
    await storage.close();
  }
  for (const w of warnings) out.line(`warning  ${w}`);
  for (const f of failures) out.line(`failed   ${f}`);
  out.line(
    `Imported ${created + updated} of ${files.length} file(s): ${created} new, ${updated} updated, ${failures.length} failed.`,
  );
  return failures.length + missing.length;
}

/** A progress bar on a terminal; on a pipe, a line at every tenth so logs stay short. */
export function progressPrinter(stream: NodeJS.WriteStream): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      if (done === total) stream.write('\n');
      return;
    }
    const tenth = Math.floor((done / total) * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      stream.write(`${done}/${total}\n`);
    }
  };
}

/**
 * The front matter's `image`, a path relative to the Markdown file, uploaded through the photo desk.
 * The same photo imported again is found by its content hash instead of stored twice.
 */
async function importPhoto(
  database: DatabaseHandle,
  storage: Storage,
  image: unknown,
  markdownFile: string,
): Promise<string | null> {
  if (image === undefined || image === null || image === '') return null;
  if (typeof image !== 'string')
    throw new AppError('IMPORT_INVALID', 400, 'image must be a file path.', { field: 'image' });
  const photoPath = path.resolve(path.dirname(markdownFile), image);
  if (!fs.existsSync(photoPath)) {
    throw new AppError('IMPORT_INVALID', 400, `The image ${image} was not found next to the file.`, {
      field: 'image',
    });
  }
  const bytes = fs.readFileSync(photoPath);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const known = await database.db
    .selectFrom('media')
    .select('id')
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (known) return known.id;
  const media = await uploadMedia({ db: database.db, clock: systemClock, storage }, IMPORTER, {
    bytes,
    filename: path.basename(photoPath),
  });
  return media.id;
}
