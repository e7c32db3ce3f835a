import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageCacheFindings } from '../../cli/doctor.js';
import { PageCache } from './page-cache.js';
import { readPageCacheReports, reportPageCache } from './page-cache-report.js';

describe('page cache reports for doctor', () => {
  it("shows each running process's figures, leaves out stale reports, and removes its own when stopped", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-cache-report-'));
    const cache = new PageCache({ maxBytes: 8 * 1024 * 1024 });
    cache.store('/a', 'x'.repeat(1000), 'text/html', []);
    cache.get('/a');
    const stop = reportPageCache(cache, dataDir);
    // A process that stopped long ago without removing its report.
    const stale = { pid: 1, at: '2020-01-01T00:00:00.000Z', stats: cache.stats() };
    fs.writeFileSync(path.join(dataDir, 'page-cache', '1.json'), JSON.stringify(stale));

    const [finding, ...others] = pageCacheFindings(dataDir, new Date());
    expect(others).toEqual([]);
    expect(finding?.detail).toMatch(
      new RegExp(
        `^process ${process.pid}: 1 pages, 0\\.0 of 8 MB, 1 hits, 1 misses \\(hit ratio 50\\.0%\\), 0 evicted`,
      ),
    );
    stop();
    expect(readPageCacheReports(dataDir, new Date())).toEqual([]);
    expect(pageCacheFindings(dataDir, new Date())[0]?.detail).toMatch(/no web process/);
  });
});
