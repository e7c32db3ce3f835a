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
    expect(Object.isFrozen(result.config)).toBe(true);
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
});
