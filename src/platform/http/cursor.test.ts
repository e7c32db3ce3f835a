import { describe, expect, it } from 'vitest';
import { CURSOR_REFUSED, decodeCursor, encodeCursor } from './cursor.js';

const refuse = (message: string) => new Error(`refused: ${message}`);

describe('page cursors', () => {
  it('give back the position they were made from', () => {
    const cursor = encodeCursor('2026-11-16T09:00:00.000Z', '01890a5d-ac96-774b-bcce-b302099a8057');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, refuse)).toEqual({
      at: '2026-11-16T09:00:00.000Z',
      id: '01890a5d-ac96-774b-bcce-b302099a8057',
    });
  });

  it.each([
    ['not base64 JSON', 'abc'],
    ['JSON of the wrong shape', Buffer.from('{"at":"x","id":"y"}').toString('base64url')],
    ['a number for the id', Buffer.from('["2026-11-16",7]').toString('base64url')],
    ['empty', ''],
  ])('are refused with the caller’s error when %s', (_case, cursor) => {
    expect(() => decodeCursor(cursor, refuse)).toThrow(`refused: ${CURSOR_REFUSED}`);
  });
});
