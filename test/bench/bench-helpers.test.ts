import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchDatabaseName } from '../../bench/bench-database.js';
import { scatteredPositions } from '../../bench/targets.js';
import { benchCpus, runWrk, WRK, wrkScript } from '../../bench/wrk.js';

describe('the bench PostgreSQL database name', () => {
  it('is a plain lower-case identifier made of the archive size and the newest migration', () => {
    expect(benchDatabaseName(100_000, '0033-edge-purges')).toBe('masthead_bench_100000_0033_edge_purges');
    expect(benchDatabaseName(2000, '0040-Some.New Thing')).toBe('masthead_bench_2000_0040_some_new_thing');
  });

  it("is refused past PostgreSQL's 63 bytes rather than cut silently (two archives would share it)", () => {
    expect(() => benchDatabaseName(1_000_000, `0050-${'x'.repeat(60)}`)).toThrow(
      /longer than PostgreSQL's 63/,
    );
  });
});

describe('the archive sample', () => {
  it('names distinct articles, all within the archive', () => {
    for (const [top, sample] of [
      [2000, 2000],
      [100_000, 2000],
      [7919 * 3, 500],
      [10, 2000],
    ] as const) {
      const positions = scatteredPositions(top, sample);
      expect(positions).toHaveLength(Math.min(top, sample));
      expect(new Set(positions).size).toBe(positions.length);
      expect(Math.min(...positions)).toBeGreaterThanOrEqual(1);
      expect(Math.max(...positions)).toBeLessThanOrEqual(top);
    }
  });

  it('reaches across the whole archive, not only its start', () => {
    const positions = scatteredPositions(100_000, 2000);
    expect(positions.filter((p) => p > 90_000).length).toBeGreaterThan(100);
    expect(positions.filter((p) => p <= 10_000).length).toBeGreaterThan(100);
  });
});

describe('the wrk script', () => {
  it('refuses a path that is not one', () => {
    expect(() =>
      wrkScript({ url: 'http://127.0.0.1:1/', connections: 1, seconds: 1, paths: ['a b'] }),
    ).toThrow(/is not a path/);
    expect(() => wrkScript({ url: 'http://127.0.0.1:1/', connections: 1, seconds: 1, paths: [] })).toThrow(
      /empty list/,
    );
  });

  describe.skipIf(!fs.existsSync(WRK))('run by wrk against a server', () => {
    const seen: string[] = [];
    const hosts: string[] = [];
    let server: http.Server;
    let base = '';
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        seen.push(req.url ?? '');
        // Every Host header the request carried, in order (req.headers keeps only the first).
        hosts.push(
          req.rawHeaders.filter((_, i) => i % 2 === 1 && /^host$/i.test(req.rawHeaders[i - 1]!)).join(', '),
        );
        res.writeHead(req.url?.startsWith('/missing') ? 404 : 200, { 'content-type': 'text/plain' });
        res.end('page');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('with one connection, asks for the paths in turn, each a distinct URL, and counts what it made', async () => {
      seen.length = 0;
      const result = await runWrk({
        url: `${base}/`,
        connections: 1,
        seconds: 1,
        miss: true,
        paths: ['/a', '/b?page=2', '/c'],
      });
      expect(result.errors).toBe(0);
      // wrk asks the script for one request before it starts (and does not send it): the run begins at
      // any point of the cycle, then goes round it in order, the number counting up.
      const paths = ['/a', '/b?page=2', '/c'];
      seen.forEach((url, i) => {
        const n = Number(/bench=(\d+)$/.exec(url)?.[1]);
        expect(url).toBe(`${paths[(n - 1) % 3]}${paths[(n - 1) % 3]!.includes('?') ? '&' : '?'}bench=${n}`);
        if (i > 0) expect(n).toBe(Number(/bench=(\d+)$/.exec(seen[i - 1]!)?.[1]) + 1);
      });
      expect(new Set(seen).size).toBe(seen.length);
      // wrk counts the answers it read; the server may have taken one more that the run's end cut off.
      expect(result.requests).toBeGreaterThan(10);
      expect(seen.length - result.requests).toBeGreaterThanOrEqual(0);
      expect(seen.length - result.requests).toBeLessThanOrEqual(1);
      expect(result.p50).toBeGreaterThan(0);
      expect(result.p50).toBeLessThanOrEqual(result.p95);
      expect(result.p95).toBeLessThanOrEqual(result.p99);
    });

    it('sends the Host header it is given, in place of its own (not beside it, whatever its case)', async () => {
      hosts.length = 0;
      await runWrk({ url: `${base}/`, connections: 1, seconds: 1, headers: { host: 'paper.example:8080' } });
      expect(hosts.length).toBeGreaterThan(10);
      expect(new Set(hosts)).toEqual(new Set(['paper.example:8080']));
    });

    it('counts answers of 400 and above as errors', async () => {
      const result = await runWrk({ url: `${base}/missing`, connections: 1, seconds: 1 });
      expect(result.errors).toBeGreaterThan(0);
    });

    it.skipIf(!benchCpus())('runs on the CPU it is given, away from the server under test', async () => {
      const cpus = benchCpus()!;
      const url = `${base}/pinned`;
      const run = runWrk({ url, connections: 1, seconds: 2, cpu: cpus.load });
      await new Promise((resolve) => setTimeout(resolve, 700));
      // The wrk process of this run, found by its URL, and the CPUs the kernel lets it use.
      const allowed = fs
        .readdirSync('/proc')
        .filter((pid) => /^\d+$/.test(pid))
        .filter((pid) => {
          try {
            const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
            return argv[0] === WRK && argv.includes(url);
          } catch {
            return false;
          }
        })
        .map((pid) => /Cpus_allowed_list:\s*(\S+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      expect((await run).errors).toBe(0);
      expect(allowed).toEqual([String(cpus.load)]);
    });
  });
});
