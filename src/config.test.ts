import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    const result = loadConfig({}, '/srv/paper');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.port).toBe(3000);
    expect(result.config.host).toBe('127.0.0.1');
    expect(result.config.publicUrl.href).toBe('http://localhost:3000/');
    expect(result.config.dataDir).toBe('/srv/paper/data');
    expect(result.config.database).toEqual({
      dialect: 'sqlite',
      file: path.join('/srv/paper/data', 'masthead.sqlite'),
    });
    expect(result.config.smtpUrl).toBeNull();
    expect(result.config.redisUrl).toBeNull();
    expect(result.config.mailFrom).toBe('no-reply@localhost');
    expect(Object.isFrozen(result.config)).toBe(true);
  });

  it('reads the edges to purge from EDGE_PURGE_URLS, naming each address that is not one', () => {
    const none = loadConfig({});
    expect(none.ok && none.config.edgePurgeUrls).toEqual([]);
    const two = loadConfig({ EDGE_PURGE_URLS: ' http://127.0.0.1:6081/ , https://edge-2.internal/purge ,' });
    expect(two.ok && two.config.edgePurgeUrls.map((u) => u.href)).toEqual([
      'http://127.0.0.1:6081/',
      'https://edge-2.internal/purge',
    ]);
    const bad = loadConfig({ EDGE_PURGE_URLS: 'varnish:6081,ftp://edge/,http://edge/?x=1,http://ok/' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems).toHaveLength(3);
    expect(bad.problems[0]).toBe(
      'EDGE_PURGE_URLS has "varnish:6081", which is not an edge\'s address: give http:// or https:// addresses separated by commas, such as http://127.0.0.1:6081/,http://10.0.0.8:6081/ (each edge must accept PURGE from this machine).',
    );
    expect(bad.problems[1]).toContain('"ftp://edge/"');
    expect(bad.problems[2]).toContain('"http://edge/?x=1"');
  });

  it('follows PORT into the default public address and reads PostgreSQL, Redis and SMTP addresses', () => {
    const result = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/news',
      REDIS_URL: 'redis://cache:6379',
      SMTP_URL: 'smtp://mail:25',
      MASTHEAD_DATA: '/var/lib/masthead',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.publicUrl.href).toBe('http://localhost:8080/');
    expect(result.config.database).toEqual({ dialect: 'postgres', url: 'postgres://u:p@db:5432/news' });
    expect(result.config.redisUrl?.host).toBe('cache:6379');
    expect(result.config.smtpUrl?.host).toBe('mail:25');
    expect(result.config.dataDir).toBe('/var/lib/masthead');
  });

  it('bounds the wait on PostgreSQL at 5 s unless told otherwise, refusing unusable values', () => {
    const read = (env: Record<string, string>) => {
      const result = loadConfig(env);
      return result.ok ? result.config.databaseTimeouts : result.problems;
    };
    expect(read({})).toEqual({ connectMs: 5000, statementMs: 5000 });
    expect(read({ DATABASE_CONNECT_TIMEOUT_MS: '2000', DATABASE_STATEMENT_TIMEOUT_MS: '30000' })).toEqual({
      connectMs: 2000,
      statementMs: 30000,
    });
    expect(read({ DATABASE_CONNECT_TIMEOUT_MS: '0', DATABASE_STATEMENT_TIMEOUT_MS: '5s' })).toEqual([
      expect.stringMatching(/^DATABASE_CONNECT_TIMEOUT_MS "0" is not usable: .*100 to 600000/),
      expect.stringMatching(/^DATABASE_STATEMENT_TIMEOUT_MS "5s" is not usable/),
    ]);
  });

  it('keeps 32 MB of pages unless PAGE_CACHE_MB says otherwise, refusing unusable sizes', () => {
    const size = (PAGE_CACHE_MB?: string) => {
      const result = loadConfig(PAGE_CACHE_MB === undefined ? {} : { PAGE_CACHE_MB });
      return result.ok ? result.config.pageCacheBytes : result.problems;
    };
    expect(size()).toBe(32 * 1024 * 1024);
    expect(size('256')).toBe(256 * 1024 * 1024);
    for (const bad of ['0', '-5', '1.5', 'lots', '20000']) {
      expect(size(bad)).toEqual([
        expect.stringMatching(/^PAGE_CACHE_MB ".*" is not usable: .*megabytes.*1 to 16384/),
      ]);
    }
  });

  it('trusts no proxy unless TRUST_PROXY names how many or which', () => {
    const read = (TRUST_PROXY?: string) => loadConfig(TRUST_PROXY === undefined ? {} : { TRUST_PROXY });
    const trusted = (value?: string) => {
      const result = read(value);
      return result.ok ? result.config.trustProxy : result.problems;
    };
    expect(trusted()).toBe(false);
    expect(trusted('false')).toBe(false);
    expect(trusted('2')).toBe(2);
    expect(trusted('10.0.0.0/8, 192.168.1.5,::1')).toEqual(['10.0.0.0/8', '192.168.1.5', '::1']);
    for (const bad of ['0', '11', 'true', 'proxy.example', '10.0.0.0/99']) {
      expect(trusted(bad)).toEqual([expect.stringMatching(/^TRUST_PROXY ".*" is not usable: .*1 to 10/)]);
    }
  });

  it('reports every bad value at once, one line each, naming the variable and what is valid', () => {
    const result = loadConfig({
      PORT: '99999',
      PUBLIC_URL: 'ftp://news.example',
      DATABASE_URL: 'mysql://root:secret@db/news',
      REDIS_URL: 'not a url',
      SMTP_URL: 'http://mail',
      LOG_LEVEL: 'loud',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(6);
    expect(result.problems[0]).toMatch(/^PORT "99999" .*1 to 65535/);
    expect(result.problems.find((p) => p.startsWith('PUBLIC_URL'))).toMatch(/http:\/\/ or https:\/\//);
    expect(result.problems.find((p) => p.startsWith('DATABASE_URL'))).toMatch(/postgres:\/\//);
    expect(result.problems.find((p) => p.startsWith('LOG_LEVEL'))).toMatch(/info/);
    // A password in a bad URL is never echoed back.
    expect(result.problems.join('\n')).not.toContain('secret');
  });

  it('sends mail from no-reply at the public host unless MAIL_FROM names an address', () => {
    const byDefault = loadConfig({ PUBLIC_URL: 'https://news.example/paper' });
    expect(byDefault.ok && byDefault.config.mailFrom).toBe('no-reply@news.example');
    const chosen = loadConfig({ PUBLIC_URL: 'https://news.example', MAIL_FROM: ' desk@mail.news.example ' });
    expect(chosen.ok && chosen.config.mailFrom).toBe('desk@mail.news.example');
  });

  it('refuses a MAIL_FROM that is not one bare address, and an SMTP_URL without a server', () => {
    for (const bad of [
      'The Ledger <desk@news.example>',
      'desk',
      'a@b@news.example',
      'a@x.example, b@x.example',
    ]) {
      const result = loadConfig({ MAIL_FROM: bad });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems).toEqual([
        expect.stringMatching(/^MAIL_FROM ".*" is not a mail address: .*no-reply@/),
      ]);
    }
    const noHost = loadConfig({ SMTP_URL: 'smtp://' });
    expect(noHost.ok).toBe(false);
    if (noHost.ok) return;
    expect(noHost.problems).toEqual([expect.stringMatching(/^SMTP_URL .* names no server/)]);
  });
});
